import 'server-only';
import { compressionOf, type CompressionName } from './codecs';
import type { AbortedTxn, KafkaMessage, PartitionData } from './kafkajs-pool';

/**
 * Turns one partition of a Fetch response into what the console shows: data records (each
 * flagged when its transaction was aborted) and the transaction markers (control records)
 * between them. A marker is never a record.
 */
export interface RawHeader {
  key: string;
  value: Buffer | null;
}

export interface RawRecord {
  partition: number;
  offset: bigint;
  timestamp: bigint;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: Buffer | null;
  value: Buffer | null;
  headers: RawHeader[];
  size: number;
  compression: CompressionName;
  transactional: boolean;
  /** written in a transaction that was aborted (only read_uncommitted reads return these) */
  aborted: boolean;
}

export interface TxnMarker {
  partition: number;
  offset: bigint;
  kind: 'commit' | 'abort';
  producerId: bigint;
}

export interface DecodedPartition {
  records: RawRecord[];
  markers: TxnMarker[];
  /** where the next read continues (after the last record, marker or skipped batch) */
  nextOffset: bigint;
}

/** A control record's key is version (int16) then type (int16): 0 abort, 1 commit. */
function markerKind(m: KafkaMessage): 'commit' | 'abort' | null {
  if (!m.key || m.key.length < 4) return null;
  const type = m.key.readInt16BE(2);
  return type === 0 ? 'abort' : type === 1 ? 'commit' : null;
}

/**
 * Offsets of records whose transaction was aborted. Forward, as Kafka's consumer does: from an
 * aborted transaction's first offset its producer's transactional records are aborted until the
 * producer's abort marker. Backward, for what lies past the last stable offset (where Fetch
 * lists no aborted transactions): a record whose producer's next marker here is an abort.
 */
export function abortedOffsets(messages: KafkaMessage[], abortedTxns: AbortedTxn[]): Set<string> {
  const out = new Set<string>();
  const pending = [...abortedTxns].sort((a, b) => (BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : 1));
  const open = new Set<string>();
  let i = 0;
  for (const m of messages) {
    const offset = BigInt(m.offset);
    while (i < pending.length && BigInt(pending[i]!.firstOffset) <= offset) open.add(pending[i++]!.producerId);
    const pid = m.batchContext?.producerId ?? '-1';
    if (m.isControlRecord) {
      if (markerKind(m) === 'abort') open.delete(pid);
    } else if (m.batchContext?.inTransaction && open.has(pid)) out.add(m.offset);
  }
  const next = new Map<string, 'commit' | 'abort' | null>();
  for (let j = messages.length - 1; j >= 0; j--) {
    const m = messages[j]!;
    const pid = m.batchContext?.producerId ?? '-1';
    if (m.isControlRecord) next.set(pid, markerKind(m));
    else if (m.batchContext?.inTransaction && next.get(pid) === 'abort') out.add(m.offset);
  }
  return out;
}

function toRecord(partition: number, m: KafkaMessage, aborted: boolean): RawRecord {
  const headers: RawHeader[] = [];
  for (const [key, v] of Object.entries(m.headers ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) headers.push({ key, value: value ?? null });
  }
  const size = (m.key?.length ?? 0) + (m.value?.length ?? 0) + headers.reduce((s, h) => s + Buffer.byteLength(h.key) + (h.value?.length ?? 0), 0);
  return {
    partition,
    offset: BigInt(m.offset),
    timestamp: BigInt(m.timestamp),
    timestampType: m.batchContext?.timestampType === 1 ? 'LogAppendTime' : 'CreateTime',
    key: m.key,
    value: m.value,
    headers,
    size,
    compression: compressionOf(m.value, m.key, ...headers.map((h) => h.value)),
    transactional: m.batchContext?.inTransaction === true,
    aborted,
  };
}

/**
 * Whole batches come back, so records before `fetchOffset` are dropped. `keepAborted` false
 * (read_committed) leaves aborted records out, as a read_committed consumer never sees them.
 */
export function decodePartition(data: PartitionData, fetchOffset: bigint, abortedTxns: AbortedTxn[], keepAborted: boolean): DecodedPartition {
  const messages = data.messages ?? [];
  const aborted = abortedOffsets(messages, abortedTxns);
  const records: RawRecord[] = [];
  const markers: TxnMarker[] = [];
  // Where the read continues; a sentinel rather than null, which the build's tracer would try to add to.
  let nextOffset = -1n;
  for (const m of messages) {
    const offset = BigInt(m.offset);
    if (offset < fetchOffset) continue;
    nextOffset = offset + 1n;
    if (m.isControlRecord) {
      const kind = markerKind(m);
      if (kind) markers.push({ partition: data.partition, offset, kind, producerId: BigInt(m.batchContext?.producerId ?? '-1') });
      continue;
    }
    const isAborted = aborted.has(m.offset);
    if (isAborted && !keepAborted) continue;
    records.push(toRecord(data.partition, m, isAborted));
  }
  // Only records before `fetchOffset` came back: `fetchOffset` itself was compacted away, step past it.
  if (nextOffset < 0n) nextOffset = messages.length > 0 ? fetchOffset + 1n : fetchOffset;
  return { records, markers, nextOffset };
}
