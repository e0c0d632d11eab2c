/**
 * The differential conformance harness: one protocol-level client (the broker's generated codecs
 * over a socket, test/helpers/raw-client.ts) sends the same request sequences to Apache Kafka
 * (the fixture) and to the bundled broker, records every response, normalizes what legitimately
 * differs between two clusters (ids, timestamps, hosts, ports, throttle times, error wording),
 * and the test compares the two transcripts field by field.
 */
import { RawClient } from '../helpers/raw-client.ts';
import { API_SCHEMAS } from '../../broker/protocol/messages/index.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';
import { defaultApiVersionsRequest, encodeApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { defaultMetadataRequest, defaultMetadataRequestTopic, encodeMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse } from '../../broker/protocol/messages/metadata-response.ts';
import type { Reader } from '../../broker/protocol/reader.ts';
import type { Writer } from '../../broker/protocol/writer.ts';

type Encode = (w: Writer, v: number, m: never) => void;
type Decode = (r: Reader, v: number) => unknown;

const API_KEYS = new Map([...API_SCHEMAS].map(([key, info]) => [info.name, key]));
const kebab = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** The generated encoder and decoder of an API, by its Kafka name (`CreateTopics`). */
async function codecs(api: string): Promise<{ encode: Encode; decode: Decode }> {
  const req = (await import(`../../broker/protocol/messages/${kebab(api)}-request.ts`)) as Record<string, unknown>;
  const res = (await import(`../../broker/protocol/messages/${kebab(api)}-response.ts`)) as Record<string, unknown>;
  return { encode: req[`encode${api}Request`] as Encode, decode: res[`decode${api}Response`] as Decode };
}

/** Version ranges a cluster advertises, by API key. */
export type Versions = Map<number, { min: number; max: number }>;

export async function apiVersions(port: number): Promise<Versions> {
  const c = await RawClient.connect(port);
  try {
    const res = await c.request(
      18,
      3,
      encodeApiVersionsRequest,
      { ...defaultApiVersionsRequest(), clientSoftwareName: 'kayak-conformance', clientSoftwareVersion: '1' },
      decodeApiVersionsResponse,
    );
    return new Map(res.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }]));
  } finally {
    c.close();
  }
}

/** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR. */
const NOT_YET = new Set([14, 15, 16]);

export interface Step {
  label: string;
  response: unknown;
}

/** One target under test: a connection, the versions to speak, and the transcript of a sequence. */
export class Target {
  readonly transcript: Step[] = [];
  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly client: RawClient,
    private readonly versions: Map<number, number>,
  ) {}

  static async connect(name: string, port: number, versions: Map<number, number>): Promise<Target> {
    return new Target(name, port, await RawClient.connect(port), versions);
  }

  /** Sends a request at the agreed version of that API; returns the decoded response without recording it. */
  async send<T = any>(api: string, body: unknown, version?: number): Promise<T> {
    const key = API_KEYS.get(api);
    if (key === undefined) throw new Error(`unknown API ${api}`);
    const v = version ?? this.versions.get(key);
    if (v === undefined) throw new Error(`${api} is not spoken by both targets`);
    const { encode, decode } = await codecs(api);
    return (await this.client.request(key, v, encode as never, body as never, decode)) as T;
  }

  /**
   * Sends a request and records its response under `label` for the comparison. Answers that only
   * say "not yet" (a coordinator still loading, the cluster still allocating producer ids: Kafka
   * creates its internal topics on first use) are retried first and not recorded.
   */
  async call<T = any>(label: string, api: string, body: unknown, version?: number): Promise<T> {
    let res = await this.send<T>(api, body, version);
    for (let tries = 0; tries < 100 && NOT_YET.has((res as { errorCode?: number }).errorCode ?? 0); tries++) {
      await new Promise((r) => setTimeout(r, 200));
      res = await this.send<T>(api, body, version);
    }
    this.transcript.push({ label, response: res });
    return res;
  }

  /** Waits until Metadata shows every partition of the topic with a leader (Kafka's controller propagates creation asynchronously). */
  async waitForTopic(topic: string, partitions: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await this.client.request(
        3,
        12,
        encodeMetadataRequest,
        { ...defaultMetadataRequest(), topics: [{ ...defaultMetadataRequestTopic(), name: topic }], allowAutoTopicCreation: false },
        decodeMetadataResponse,
      );
      const t = res.topics[0];
      if (t && t.errorCode === 0 && t.partitions.length === partitions && t.partitions.every((p) => p.leaderId >= 0 && p.errorCode === 0)) {
        // Kafka's Metadata names the leader a moment before that broker serves the partition (NOT_LEADER_OR_FOLLOWER).
        const res = await this.send('ListOffsets', {
          replicaId: -1,
          isolationLevel: 0,
          topics: [
            {
              name: topic,
              partitions: Array.from({ length: partitions }, (_, i) => ({ partitionIndex: i, currentLeaderEpoch: -1, timestamp: -1n, maxNumOffsets: 1 })),
            },
          ],
          timeoutMs: 5000,
        });
        if (res.topics[0].partitions.every((p: { errorCode: number }) => p.errorCode === 0)) return;
      }
      if (Date.now() > deadline) throw new Error(`${this.name}: ${topic} has no leaders after 20 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    this.client.close();
  }
}

/** The highest version of every API the bundled broker speaks that Kafka speaks too (and the codecs know). */
export function agreedVersions(bundled: Versions, kafka: Versions): Map<number, number> {
  const out = new Map<number, number>();
  for (const [key, b] of bundled) {
    const k = kafka.get(key);
    const codec = API_SCHEMAS.get(key);
    if (!k || !codec) continue;
    const v = Math.min(b.max, k.max, codec.maxVersion);
    if (v >= Math.max(b.min, k.min)) out.set(key, v);
  }
  return out;
}

const TIME_KEYS = /(timestamp|TimeMs|Timestamp|StartTimeMs|UpdateTimeMs)$/;

/**
 * Replaces what legitimately differs between two clusters with stable placeholders. Ids keep their
 * identity within one transcript (the same topic id is `uuid#1` everywhere), so "this member is
 * the leader" and "this topic id is the one CreateTopics returned" are still compared.
 */
export function normalize(transcript: Step[]): Step[] {
  const ids = new Map<string, string>();
  const idFor = (kind: string, raw: string): string => {
    const k = `${kind}:${raw}`;
    if (!ids.has(k)) ids.set(k, `${kind}#${[...ids.keys()].filter((x) => x.startsWith(`${kind}:`)).length + 1}`);
    return ids.get(k) as string;
  };
  const walk = (value: unknown, key: string): unknown => {
    if (key === 'throttleTimeMs') return undefined;
    if (key === 'host' || key === 'clientHost') return '<host>';
    if (key === 'port') return '<port>';
    if (key === 'logDir') return '<dir>';
    if ((key === 'totalBytes' || key === 'usableBytes') && typeof value === 'bigint' && value > 0n) return '<fs bytes>';
    if (key === 'clusterId') return value === null ? null : '<cluster>';
    // Wording differs; null versus "" versus a message does not.
    if (key === 'errorMessage' || key === 'batchIndexErrorMessage') return value === null || value === '' ? value : '<message>';
    if (Buffer.isBuffer(value)) {
      if (value.length === 16 && (key === 'topicId' || key.endsWith('Id')))
        return value.equals(Buffer.alloc(16)) ? 'uuid#0' : idFor('uuid', value.toString('hex'));
      return `bytes:${value.toString('hex')}`;
    }
    if (key === 'memberId' || key === 'leader' || key === 'memberIdOwner') return value === '' || value === null ? value : idFor('member', String(value));
    if (key === 'producerId') return typeof value === 'bigint' && value >= 0n ? idFor('pid', String(value)) : value;
    if (TIME_KEYS.test(key) && (typeof value === 'bigint' || typeof value === 'number') && Number(value) > 1_000_000_000_000) return '<time>';
    if (Array.isArray(value)) {
      // Lists of named entries (configs, synonyms) are compared by name: Kafka promises no order.
      const named =
        value.length > 0 && value.every((v) => v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' && !('partitions' in v));
      if (named && key !== 'topics') return Object.fromEntries(value.map((v) => [(v as { name: string }).name, walk(v, key)]));
      const items = value.map((v) => walk(v, key));
      // Kafka answers partitions (and the topics of an error-only answer) in hash order.
      const by = (k: string) => (a: unknown, b: unknown) =>
        String((a as Record<string, unknown>)[k]).localeCompare(String((b as Record<string, unknown>)[k]), 'en', { numeric: true });
      if (items.every((v) => v && typeof v === 'object' && 'partitionIndex' in v)) items.sort(by('partitionIndex'));
      else if (key === 'topics' && items.every((v) => v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string')) items.sort(by('name'));
      return items;
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const n = walk(v, k);
        if (n !== undefined) out[k] = n;
      }
      return out;
    }
    return value;
  };
  return transcript.map((s) => ({ label: s.label, response: walk(s.response, '') }));
}

/** A readable field-by-field difference list (path: bundled vs kafka), for assertion messages. */
export function differences(bundled: unknown, kafka: unknown, path = ''): string[] {
  if (typeof bundled !== 'object' || typeof kafka !== 'object' || bundled === null || kafka === null) {
    return Object.is(bundled, kafka) || (typeof bundled === 'bigint' && bundled === kafka) ? [] : [`${path}: bundled ${fmt(bundled)} vs kafka ${fmt(kafka)}`];
  }
  const keys = new Set([...Object.keys(bundled), ...Object.keys(kafka)]);
  return [...keys].flatMap((k) => differences((bundled as Record<string, unknown>)[k], (kafka as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
}

const fmt = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
