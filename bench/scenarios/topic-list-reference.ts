/**
 * The reference for the topic list with counts: the same protocol work the console does for
 * `GET /api/topics`, done by a minimal client on one connection. Metadata of every topic,
 * DescribeLogDirs of every partition and ListGroups at once; then ListOffsets for the earliest
 * and for the latest offsets of every partition (pipelined), and a batched OffsetFetch when there
 * are groups. It computes each topic's message count and size, as the console's rows carry.
 */
import type { RawClient } from '../../test/helpers/raw-client.ts';
import { encodeMetadataRequest, defaultMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse } from '../../broker/protocol/messages/metadata-response.ts';
import { encodeDescribeLogDirsRequest } from '../../broker/protocol/messages/describe-log-dirs-request.ts';
import { decodeDescribeLogDirsResponse } from '../../broker/protocol/messages/describe-log-dirs-response.ts';
import { encodeListGroupsRequest, defaultListGroupsRequest } from '../../broker/protocol/messages/list-groups-request.ts';
import { decodeListGroupsResponse } from '../../broker/protocol/messages/list-groups-response.ts';
import { encodeListOffsetsRequest, type ListOffsetsRequest } from '../../broker/protocol/messages/list-offsets-request.ts';
import { decodeListOffsetsResponse } from '../../broker/protocol/messages/list-offsets-response.ts';
import { encodeOffsetFetchRequest, defaultOffsetFetchRequest, defaultOffsetFetchRequestGroup } from '../../broker/protocol/messages/offset-fetch-request.ts';
import { decodeOffsetFetchResponse } from '../../broker/protocol/messages/offset-fetch-response.ts';

export interface ReferenceTopic {
  messages: bigint;
  sizeBytes: bigint;
}

/** Every topic's message count (latest − earliest, summed over its partitions) and size, by name. */
export async function referenceTopicList(client: RawClient): Promise<Map<string, ReferenceTopic>> {
  const metadata = client.request(
    3,
    9,
    encodeMetadataRequest,
    { ...defaultMetadataRequest(), topics: null, allowAutoTopicCreation: false },
    decodeMetadataResponse,
  );
  const logDirs = client.request(35, 4, encodeDescribeLogDirsRequest, { topics: null }, decodeDescribeLogDirsResponse);
  const groups = client.request(16, 4, encodeListGroupsRequest, defaultListGroupsRequest(), decodeListGroupsResponse);
  const topics = (await metadata).topics;
  const offsetsAt = (timestamp: bigint) => {
    const request: ListOffsetsRequest = {
      replicaId: -1,
      isolationLevel: 0,
      timeoutMs: 0,
      topics: topics.map((t) => ({
        name: t.name ?? '',
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 })),
      })),
    };
    return client.request(2, 7, encodeListOffsetsRequest, request, decodeListOffsetsResponse);
  };
  const [earliest, latest] = await Promise.all([offsetsAt(-2n), offsetsAt(-1n)]);
  const groupIds = (await groups).groups.map((g) => g.groupId);
  const committed =
    groupIds.length > 0
      ? client.request(
          9,
          8,
          encodeOffsetFetchRequest,
          { ...defaultOffsetFetchRequest(), groups: groupIds.map((groupId) => ({ ...defaultOffsetFetchRequestGroup(), groupId, topics: null })) },
          decodeOffsetFetchResponse,
        )
      : null;

  const out = new Map<string, ReferenceTopic>();
  for (const t of latest.topics) {
    let messages = 0n;
    for (const p of t.partitions) messages += p.offset;
    out.set(t.name, { messages, sizeBytes: 0n });
  }
  for (const t of earliest.topics) {
    const row = out.get(t.name);
    if (row) for (const p of t.partitions) row.messages -= p.offset;
  }
  for (const dir of (await logDirs).results) {
    for (const t of dir.topics) {
      const row = out.get(t.name);
      if (row) for (const p of t.partitions) row.sizeBytes += p.partitionSize;
    }
  }
  await committed;
  return out;
}
