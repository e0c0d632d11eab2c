/**
 * Valid request frames to mutate, for every API key and version a broker advertises. Each
 * seed comes from the generated sample message (test/protocol/samples, every field set) and
 * again "made realistic": topic, group, partition and timeout fields pointed at a real topic
 * and group, and Produce carrying a valid record batch, so that mutations reach the handlers'
 * happy paths and not only their error paths. Frames are encoded by a writer that remembers
 * where each integer and varint went, so mutations can aim at length fields, array counts,
 * varints and tagged-field headers.
 */
import { API_SCHEMAS } from '../../../broker/protocol/messages/index.ts';
import { encodeRequestHeader } from '../../../broker/protocol/messages/request-header.ts';
import { isFlexible } from '../../../broker/protocol/frame.ts';
import { Writer } from '../../../broker/protocol/writer.ts';
import { buildBatch } from '../../../broker/log/batch-builder.ts';

export type FieldKind = 'int16' | 'int32' | 'int64' | 'uvarint' | 'varint';

/** Where one integer went in the frame: the mutation targets. */
export interface FieldSpot {
  at: number;
  size: number;
  kind: FieldKind;
}

export interface SeedFrame {
  apiKey: number;
  version: number;
  realistic: boolean;
  /** The frame without its size prefix: request header, then body. */
  bytes: Buffer;
  fields: FieldSpot[];
  /** Where a valid RecordBatch sits in `bytes` (realistic Produce seeds), for CRC-fixing mutations. */
  batch?: { at: number; length: number };
}

/** The names a realistic seed uses; the well-behaved clients use other names. */
export interface SeedTargets {
  topic: string;
  topicId: Buffer;
  group: string;
  /** A SASL/PLAIN login the broker accepts. */
  saslUser: string;
  saslPassword: string;
}

class RecordingWriter extends Writer {
  readonly fields: FieldSpot[] = [];
  private spot(kind: FieldKind, write: () => void): this {
    const at = this.length;
    write();
    this.fields.push({ at, size: this.length - at, kind });
    return this;
  }
  override int16(v: number): this {
    return this.spot('int16', () => super.int16(v));
  }
  override int32(v: number): this {
    return this.spot('int32', () => super.int32(v));
  }
  override int64(v: bigint): this {
    return this.spot('int64', () => super.int64(v));
  }
  override uvarint(v: number): this {
    return this.spot('uvarint', () => super.uvarint(v));
  }
  override varint(v: number): this {
    return this.spot('varint', () => super.varint(v));
  }
}

const kebab = (pascal: string): string => pascal.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '-') + c.toLowerCase());

type Message = Record<string, unknown>;
interface Codec {
  encode: (w: Writer, v: number, m: unknown) => void;
  sample: (v: number) => Message;
}

async function loadCodec(apiName: string): Promise<Codec> {
  const file = `${kebab(apiName)}-request`;
  const codec = (await import(`../../../broker/protocol/messages/${file}.ts`)) as Record<string, unknown>;
  const samples = (await import(`../../protocol/samples/${file}.ts`)) as Record<string, unknown>;
  return {
    encode: codec[`encode${apiName}Request`] as Codec['encode'],
    sample: samples[`sample${apiName}Request`] as Codec['sample'],
  };
}

/**
 * Field-name rules that turn a sample into a request a real client could send. A rule only
 * applies when the sample's value has the same type, so the message stays encodable.
 */
function realisticRules(t: SeedTargets, batch: Buffer): Record<string, unknown> {
  return {
    topic: t.topic,
    topicName: t.topic,
    resourceName: t.topic,
    topicNames: [t.topic],
    topicId: t.topicId,
    groupId: t.group,
    groupIds: [t.group],
    groups: [t.group],
    groupsNames: [t.group],
    coordinatorKeys: [t.group],
    key: t.group,
    memberId: '',
    groupInstanceId: null,
    generationId: -1,
    generationIdOrMemberEpoch: -1,
    protocolType: 'consumer',
    partitionIndex: 0,
    partition: 0,
    index: 0,
    partitionIndexes: [0, 1],
    partitions: [0, 1],
    timeoutMs: 1000,
    maxWaitMs: 50,
    sessionTimeoutMs: 1500,
    rebalanceTimeoutMs: 1500,
    transactionTimeoutMs: 1000,
    numPartitions: 2,
    replicationFactor: 1,
    assignments: [],
    count: 4,
    resourceType: 2,
    keyType: 0,
    records: batch,
    acks: 1,
    fetchOffset: 0n,
    offset: 0n,
    timestamp: -1n,
    logStartOffset: -1n,
    committedOffset: 5n,
    currentLeaderEpoch: -1,
    leaderEpoch: -1,
    lastFetchedEpoch: -1,
    committedLeaderEpoch: -1,
    replicaId: -1,
    replicaEpoch: -1n,
    maxBytes: 1 << 20,
    partitionMaxBytes: 1 << 16,
    minBytes: 1,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    producerId: -1n,
    producerEpoch: -1,
    transactionalId: null,
    forgottenTopicsData: [],
    mechanism: 'PLAIN',
    authBytes: Buffer.from(`\0${t.saslUser}\0${t.saslPassword}`),
    configurationKeys: ['retention.ms'],
  };
}

/** Inside a `configs` list, `name` and `value` are a config entry (elsewhere `name` is a topic). */
const CONFIG_RULES: Record<string, unknown> = { name: 'retention.ms', value: '86400000' };

/** A rule applies only where the message stays encodable: the same kind of value, null only for strings. */
function fits(current: unknown, rule: unknown): boolean {
  if (current === null) return rule === null || typeof rule === 'string';
  if (rule === null) return typeof current === 'string';
  if (Buffer.isBuffer(current)) return Buffer.isBuffer(rule);
  if (Array.isArray(current)) return Array.isArray(rule) && typeof current[0] === typeof rule[0];
  return typeof current === typeof rule;
}

function makeRealistic(value: unknown, rules: Record<string, unknown>, parentKey: string): void {
  if (Array.isArray(value)) {
    for (const item of value) makeRealistic(item, rules, parentKey);
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  const o = value as Message;
  for (const [k, v] of Object.entries(o)) {
    const rule = parentKey === 'configs' ? CONFIG_RULES[k] : k === 'name' ? rules.topic : rules[k];
    if (rule !== undefined && fits(v, rule)) o[k] = rule;
    else makeRealistic(v, rules, k);
  }
}

function encodeFrame(
  apiKey: number,
  version: number,
  encode: Codec['encode'],
  message: unknown,
  correlationId: number,
): { bytes: Buffer; fields: FieldSpot[] } {
  const w = new RecordingWriter(256);
  encodeRequestHeader(w, isFlexible(apiKey, version) ? 2 : 1, { requestApiKey: apiKey, requestApiVersion: version, correlationId, clientId: 'fuzz' });
  encode(w, version, message);
  return { bytes: w.toBuffer(), fields: w.fields };
}

/** Seeds for every advertised (API key, version): the raw sample and its realistic twin. */
function locateBatch(bytes: Buffer, batches: readonly Buffer[]): SeedFrame['batch'] {
  for (const b of batches) {
    const at = bytes.indexOf(b);
    if (at >= 0) return { at, length: b.length };
  }
  return undefined;
}

export async function buildSeeds(
  advertised: readonly { apiKey: number; minVersion: number; maxVersion: number }[],
  targets: SeedTargets,
  only?: (apiKey: number) => boolean,
): Promise<SeedFrame[]> {
  const records = Array.from({ length: 3 }, (_, i) => ({ key: `k${i}`, value: `fuzz-${i}`, headers: [{ key: 'h', value: `${i}` }] }));
  // Odd versions carry a gzip batch, so mutated batches also reach decompression.
  const batches = [buildBatch(records), buildBatch(records, { gzip: true })];
  const seeds: SeedFrame[] = [];
  let correlationId = 1;
  for (const api of advertised) {
    if (only && !only(api.apiKey)) continue;
    const schema = API_SCHEMAS.get(api.apiKey);
    if (!schema) throw new Error(`the broker advertises API ${api.apiKey}, which has no schema`);
    const codec = await loadCodec(schema.name);
    for (let v = api.minVersion; v <= api.maxVersion; v++) {
      const rules = realisticRules(targets, batches[v % 2] as Buffer);
      for (const realistic of [false, true]) {
        const message = codec.sample(v);
        if (realistic) makeRealistic(message, rules, '');
        const frame = encodeFrame(api.apiKey, v, codec.encode, message, correlationId++);
        seeds.push({ apiKey: api.apiKey, version: v, realistic, ...frame, batch: realistic ? locateBatch(frame.bytes, batches) : undefined });
      }
    }
  }
  return seeds;
}
