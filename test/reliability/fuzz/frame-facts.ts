/**
 * What a (possibly mutated) frame asks the broker to do, decoded with the same generated codecs
 * the broker uses. The fuzzer needs it for two things: to tell a request that is allowed to
 * wait (a Fetch long poll, a JoinGroup or SyncGroup waiting for other members) from a hang,
 * and to hold back frames that would create more partitions than the broker can make while
 * still answering others (see PARTITION_BUDGET).
 */
import { API_SCHEMAS } from '../../../broker/protocol/messages/index.ts';
import { readRequestHeader } from '../../../broker/protocol/frame.ts';
import type { Reader } from '../../../broker/protocol/reader.ts';
import { decodeFetchRequest } from '../../../broker/protocol/messages/fetch-request.ts';
import { decodeCreateTopicsRequest } from '../../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreatePartitionsRequest } from '../../../broker/protocol/messages/create-partitions-request.ts';

const FETCH = 1;
const JOIN_GROUP = 11;
const SYNC_GROUP = 14;
const CREATE_TOPICS = 19;
const CREATE_PARTITIONS = 37;

/**
 * Creating a partition makes a directory and files synchronously; a frame asking for 10^5 of
 * them keeps the broker from answering anyone for minutes. Until the broker caps partitions per
 * request (issue 11 item 5, Kafka's POLICY_VIOLATION), such frames are counted and not sent.
 */
export const PARTITION_BUDGET = 64;

function decodeBody<T>(frame: Buffer, decode: (r: Reader, v: number) => T): { version: number; request: T } | null {
  try {
    const { header, body } = readRequestHeader(frame);
    const schema = API_SCHEMAS.get(header.requestApiKey);
    const version = header.requestApiVersion;
    if (!schema || version < schema.minVersion || version > schema.maxVersion) return null;
    return { version, request: decode(body, version) };
  } catch {
    return null;
  }
}

/** The frame without its size prefix. */
const apiKeyOf = (frame: Buffer): number => (frame.length >= 2 ? frame.readInt16BE(0) : -1);

/** How many partitions this frame would create, if it decodes as CreateTopics or CreatePartitions. */
export function partitionsCreated(frame: Buffer): number {
  const key = apiKeyOf(frame);
  if (key === CREATE_TOPICS) {
    const decoded = decodeBody(frame, decodeCreateTopicsRequest);
    if (!decoded || decoded.request.validateOnly) return 0;
    return decoded.request.topics.reduce((n, t) => n + Math.max(t.assignments.length, t.numPartitions, 1), 0);
  }
  if (key === CREATE_PARTITIONS) {
    const decoded = decodeBody(frame, decodeCreatePartitionsRequest);
    if (!decoded || decoded.request.validateOnly) return 0;
    return decoded.request.topics.reduce((n, t) => n + Math.max(t.count, 0), 0);
  }
  return 0;
}

/** Why a frame may legitimately stay unanswered for `boundMs`, or null when it may not. */
export function mayWait(frame: Buffer, boundMs: number): string | null {
  const key = apiKeyOf(frame);
  if (key === FETCH) {
    const decoded = decodeBody(frame, decodeFetchRequest);
    if (decoded && decoded.request.maxWaitMs >= boundMs / 2) return `Fetch long poll of ${decoded.request.maxWaitMs} ms`;
    return null;
  }
  if (key === JOIN_GROUP || key === SYNC_GROUP) {
    const decoded = decodeBody(frame, (r) => r.remaining);
    return decoded ? 'JoinGroup/SyncGroup waiting for the other members of its group' : null;
  }
  return null;
}
