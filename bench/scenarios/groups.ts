/**
 * Item 4, group lag page: 1,000 consumer groups with committed offsets on one 4-partition topic
 * holding records, on a broker of its own. The offsets are committed as standalone commits
 * (OffsetCommit v2, generation −1), each group at different offsets so every lag is known.
 * Timed: the console's groups list API (`GET /api/groups`, what the groups page loads: every
 * group with its total lag) and its group detail API (`GET /api/groups/<id>`). Reference: the
 * same protocol work done directly by a minimal client on one connection — ListGroups,
 * DescribeGroups of all groups, one OffsetFetch per group (pipelined) and ListOffsets for the
 * log-end offsets — computing the same lags. Both answers are checked against the known lags.
 */
import { join } from 'node:path';
import { RawClient } from '../../test/helpers/raw-client.ts';
import { buildBatch } from '../../broker/log/batch-builder.ts';
import { encodeCreateTopicsRequest, defaultCreateTopicsRequest, defaultCreatableTopic } from '../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';
import { encodeProduceRequest, defaultProduceRequest } from '../../broker/protocol/messages/produce-request.ts';
import { decodeProduceResponse } from '../../broker/protocol/messages/produce-response.ts';
import {
  encodeOffsetCommitRequest,
  defaultOffsetCommitRequest,
  defaultOffsetCommitRequestPartition,
} from '../../broker/protocol/messages/offset-commit-request.ts';
import { decodeOffsetCommitResponse } from '../../broker/protocol/messages/offset-commit-response.ts';
import { encodeListGroupsRequest, defaultListGroupsRequest } from '../../broker/protocol/messages/list-groups-request.ts';
import { decodeListGroupsResponse } from '../../broker/protocol/messages/list-groups-response.ts';
import { encodeDescribeGroupsRequest, defaultDescribeGroupsRequest } from '../../broker/protocol/messages/describe-groups-request.ts';
import { decodeDescribeGroupsResponse } from '../../broker/protocol/messages/describe-groups-response.ts';
import { encodeOffsetFetchRequest, defaultOffsetFetchRequest } from '../../broker/protocol/messages/offset-fetch-request.ts';
import { decodeOffsetFetchResponse } from '../../broker/protocol/messages/offset-fetch-response.ts';
import {
  encodeListOffsetsRequest,
  defaultListOffsetsRequest,
  defaultListOffsetsTopic,
  defaultListOffsetsPartition,
} from '../../broker/protocol/messages/list-offsets-request.ts';
import { decodeListOffsetsResponse } from '../../broker/protocol/messages/list-offsets-response.ts';
import { recordValue } from '../lib/payload.ts';
import { startBroker } from '../lib/procs.ts';
import { missingRow, ratioRow, type Row } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';
import { errorReason, startConsole, timedGet } from './console.ts';

export interface GroupsContext {
  work: string;
  groups: number;
  runs: number;
  log: (msg: string) => void;
}

const TOPIC = 'bench-groups';
const PARTITIONS = 4;
const RECORDS_PER_PARTITION = 1000;
const section = '4 console';

const groupId = (i: number): string => `bench-g-${String(i).padStart(5, '0')}`;
/** Group i's committed offset on partition p: spread over the log so lags differ. */
const committedOffset = (i: number, p: number): number => (i * 7 + p * 131) % RECORDS_PER_PARTITION;
const expectedLag = (i: number): bigint => {
  let lag = 0n;
  for (let p = 0; p < PARTITIONS; p++) lag += BigInt(RECORDS_PER_PARTITION - committedOffset(i, p));
  return lag;
};

async function setUp(client: RawClient, groups: number): Promise<void> {
  const created = await client.request(
    19,
    5,
    encodeCreateTopicsRequest,
    {
      ...defaultCreateTopicsRequest(),
      topics: [{ ...defaultCreatableTopic(), name: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1 }],
    },
    decodeCreateTopicsResponse,
  );
  if (created.topics[0]?.errorCode !== 0) throw new Error(`create ${TOPIC}: error ${created.topics[0]?.errorCode}`);
  const value = recordValue(0);
  const batch = buildBatch(
    Array.from({ length: RECORDS_PER_PARTITION }, (_, i) => ({ key: `k${i}`, value })),
    { baseTimestamp: BigInt(Date.now()) },
  );
  const produced = await client.request(
    0,
    7,
    encodeProduceRequest,
    {
      ...defaultProduceRequest(),
      acks: 1,
      timeoutMs: 30_000,
      topicData: [{ name: TOPIC, partitionData: Array.from({ length: PARTITIONS }, (_, index) => ({ index, records: batch })) }],
    },
    decodeProduceResponse,
  );
  for (const p of produced.responses[0]?.partitionResponses ?? []) if (p.errorCode !== 0) throw new Error(`produce to ${TOPIC}: error ${p.errorCode}`);
  // Standalone commits (generation -1), pipelined on one connection.
  const commits = await Promise.all(
    Array.from({ length: groups }, (_, i) =>
      client.request(
        8,
        2,
        encodeOffsetCommitRequest,
        {
          ...defaultOffsetCommitRequest(),
          groupId: groupId(i),
          generationIdOrMemberEpoch: -1,
          memberId: '',
          retentionTimeMs: -1n,
          topics: [
            {
              name: TOPIC,
              partitions: Array.from({ length: PARTITIONS }, (_, p) => ({
                ...defaultOffsetCommitRequestPartition(),
                partitionIndex: p,
                committedOffset: BigInt(committedOffset(i, p)),
              })),
            },
          ],
        },
        decodeOffsetCommitResponse,
      ),
    ),
  );
  const failed = commits.flatMap((c) => c.topics.flatMap((t) => t.partitions)).filter((p) => p.errorCode !== 0);
  if (failed.length > 0) throw new Error(`OffsetCommit: ${failed.length} partitions failed (error ${failed[0]!.errorCode})`);
}

async function logEndOffsets(client: RawClient): Promise<Map<number, bigint>> {
  const res = await client.request(
    2,
    7,
    encodeListOffsetsRequest,
    {
      ...defaultListOffsetsRequest(),
      topics: [
        {
          ...defaultListOffsetsTopic(),
          name: TOPIC,
          partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ ...defaultListOffsetsPartition(), partitionIndex: p, timestamp: -1n })),
        },
      ],
    },
    decodeListOffsetsResponse,
  );
  return new Map((res.topics[0]?.partitions ?? []).map((p) => [p.partitionIndex, p.offset]));
}

/** Lag of one group from its OffsetFetch answer and the log-end offsets. */
async function fetchLag(client: RawClient, id: string, ends: Promise<Map<number, bigint>>): Promise<bigint> {
  const res = await client.request(9, 7, encodeOffsetFetchRequest, { ...defaultOffsetFetchRequest(), groupId: id, topics: null }, decodeOffsetFetchResponse);
  if (res.errorCode !== 0) throw new Error(`OffsetFetch ${id}: error ${res.errorCode}`);
  const end = await ends;
  let lag = 0n;
  for (const t of res.topics) for (const p of t.partitions) if (p.committedOffset >= 0n) lag += (end.get(p.partitionIndex) ?? 0n) - p.committedOffset;
  return lag;
}

/** Reference for the list: every group with its state and total lag, straight over the protocol. */
async function referenceList(client: RawClient): Promise<Map<string, bigint>> {
  const listed = await client.request(16, 4, encodeListGroupsRequest, defaultListGroupsRequest(), decodeListGroupsResponse);
  const ids = listed.groups.map((g) => g.groupId);
  const ends = logEndOffsets(client);
  const described = client.request(15, 5, encodeDescribeGroupsRequest, { ...defaultDescribeGroupsRequest(), groups: ids }, decodeDescribeGroupsResponse);
  const lags = await Promise.all(ids.map((id) => fetchLag(client, id, ends)));
  if ((await described).groups.length !== ids.length) throw new Error('DescribeGroups answered for fewer groups than listed');
  return new Map(ids.map((id, i) => [id, lags[i]!]));
}

/** Reference for the detail page: one group's description, committed offsets and lag. */
async function referenceDetail(client: RawClient, id: string): Promise<bigint> {
  const ends = logEndOffsets(client);
  const described = client.request(15, 5, encodeDescribeGroupsRequest, { ...defaultDescribeGroupsRequest(), groups: [id] }, decodeDescribeGroupsResponse);
  const lag = await fetchLag(client, id, ends);
  if ((await described).groups[0]?.groupId !== id) throw new Error(`DescribeGroups ${id}: no answer`);
  return lag;
}

function checkList(what: string, lags: Map<string, bigint>, groups: number): void {
  let seen = 0;
  for (const [id, lag] of lags) {
    if (!id.startsWith('bench-g-')) continue;
    seen++;
    const i = Number(id.slice('bench-g-'.length));
    if (lag !== expectedLag(i)) throw new Error(`correctness: ${what} gave lag ${lag} for ${id}, expected ${expectedLag(i)}`);
  }
  if (seen !== groups) throw new Error(`correctness: ${what} listed ${seen} of ${groups} groups`);
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function groupLag(ctx: GroupsContext): Promise<Row[]> {
  const n = ctx.groups.toLocaleString('en-US');
  const listName = `groups list API (lag of every group), ${n} groups`;
  const detailName = `group detail API (one group's offsets and lag), ${n} groups`;
  const listCommand = `GET /api/groups (next start) vs ListGroups + DescribeGroups + ${n}× OffsetFetch (pipelined) + ListOffsets on one connection`;
  const detailCommand = 'GET /api/groups/<id> (next start) vs DescribeGroups + OffsetFetch + ListOffsets';
  const broker = await startBroker({ dataDir: join(ctx.work, 'groups') });
  const client = await RawClient.connect(broker.port);
  const rows: Row[] = [];
  try {
    const t0 = performance.now();
    await setUp(client, ctx.groups);
    ctx.log(`committed offsets for ${n} groups on ${TOPIC} (${PARTITIONS} partitions) in ${(performance.now() - t0).toFixed(0)} ms`);
    const refList: number[] = [];
    const refDetail: number[] = [];
    const probes = Array.from({ length: Math.max(3, ctx.runs) }, (_, k) => Math.floor(((k + 0.5) * ctx.groups) / Math.max(3, ctx.runs)));
    await referenceList(client); // warm-up, as for the console
    for (let run = 0; run < probes.length; run++) {
      const list = await timed(() => referenceList(client));
      checkList('reference', list.value, ctx.groups);
      refList.push(list.ms);
      const i = probes[run]!;
      const detail = await timed(() => referenceDetail(client, groupId(i)));
      if (detail.value !== expectedLag(i)) throw new Error(`correctness: reference detail lag ${detail.value} for ${groupId(i)}, expected ${expectedLag(i)}`);
      refDetail.push(detail.ms);
    }
    ctx.log(`reference: list ${summarize(refList).median.toFixed(1)} ms, detail ${summarize(refDetail).median.toFixed(2)} ms`);

    // A failure (including a wrong answer) is reported in its row; the other measurement still runs.
    const apiList: number[] = [];
    const apiDetail: number[] = [];
    let listFailed: string | null = null;
    let detailFailed: string | null = null;
    const since = (t: number, e: unknown): string => `after ${((performance.now() - t) / 1000).toFixed(0)} s: ${errorReason(e)}`;
    let app: { url: string; stop: () => void } | null = null;
    try {
      // The lag sampler would re-list every group in the background; keep it out of the timings.
      app = await startConsole(broker.bootstrap, { KAYAK_LAG_SAMPLE_MS: String(3_600_000) });
    } catch (e) {
      listFailed = detailFailed = `console did not start: ${errorReason(e)}`;
    }
    try {
      if (app) {
        const t1 = performance.now();
        try {
          await timedGet(`${app.url}/api/groups?cluster=bench`); // warm-up: route load, admin connection
          for (let run = 0; run < ctx.runs; run++) {
            const { ms, body } = await timedGet(`${app.url}/api/groups?cluster=bench`);
            const groups = Array.isArray(body) ? (body as { groupId: string; totalLag: string }[]) : [];
            checkList('/api/groups', new Map(groups.map((g) => [g.groupId, BigInt(g.totalLag)])), ctx.groups);
            apiList.push(ms);
            ctx.log(`GET /api/groups with ${n} groups: ${ms.toFixed(0)} ms`);
          }
        } catch (e) {
          listFailed = since(t1, e);
        }
        const t2 = performance.now();
        try {
          await timedGet(`${app.url}/api/groups/${groupId(0)}?cluster=bench`);
          for (let run = 0; run < probes.length; run++) {
            const i = probes[run]!;
            const { ms, body } = await timedGet(`${app.url}/api/groups/${groupId(i)}?cluster=bench`);
            const g = body as { groupId?: string; totalLag?: string; offsets?: unknown[] };
            if (g.groupId !== groupId(i) || g.totalLag !== expectedLag(i).toString() || g.offsets?.length !== PARTITIONS) {
              throw new Error(
                `correctness: /api/groups/${groupId(i)} gave lag ${g.totalLag} over ${g.offsets?.length} partitions, expected ${expectedLag(i)} over ${PARTITIONS}`,
              );
            }
            apiDetail.push(ms);
          }
          ctx.log(`GET /api/groups/<id> with ${n} groups: ${summarize(apiDetail).median.toFixed(1)} ms`);
        } catch (e) {
          detailFailed = since(t2, e);
        }
      }
    } finally {
      app?.stop();
    }
    const listRef = { name: 'same requests, minimal client', value: summarize(refList) };
    const detailRef = { name: 'same requests, minimal client', value: summarize(refDetail) };
    const goal = '≤ 2× reference';
    rows.push(
      listFailed === null
        ? ratioRow({ section, name: listName, unit: 'ms', value: summarize(apiList), reference: listRef, goal, atMost: 2, command: listCommand })
        : missingRow({ section, name: listName, unit: 'ms', goal, command: listCommand, kind: 'failed', reason: listFailed, reference: listRef }),
      detailFailed === null
        ? ratioRow({ section, name: detailName, unit: 'ms', value: summarize(apiDetail), reference: detailRef, goal, atMost: 2, command: detailCommand })
        : missingRow({ section, name: detailName, unit: 'ms', goal, command: detailCommand, kind: 'failed', reason: detailFailed, reference: detailRef }),
    );
  } finally {
    client.close();
    await broker.stop();
  }
  return rows;
}
