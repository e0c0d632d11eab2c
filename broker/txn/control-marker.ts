/**
 * Transaction markers: the control batch (attributes transactional | control) with one record
 * whose key is `version i16 (0) | type i16 (0 ABORT, 1 COMMIT)` and whose value is
 * `version i16 (0) | coordinatorEpoch i32`, as Kafka's EndTransactionMarker.
 */
import { buildBatch } from '../log/batch-builder.ts';
import { Attr } from '../log/record-batch.ts';
import { forEachRecord } from '../log/records.ts';

export function buildMarker(producerId: bigint, producerEpoch: number, commit: boolean, coordinatorEpoch: number, nowMs: bigint): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(commit ? 1 : 0, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(coordinatorEpoch, 2);
  return buildBatch([{ key, value, timestamp: nowMs }], {
    attributes: Attr.transactional | Attr.control,
    producerId,
    producerEpoch,
    baseSequence: -1,
    baseTimestamp: nowMs,
  });
}

/** Whether the control batch at `pos` is a COMMIT marker (false for ABORT or an unreadable one). */
export function isCommitMarker(buf: Buffer, pos: number, size: number): boolean {
  let commit = false;
  forEachRecord(buf, pos, size, (r) => {
    commit = r.key !== null && r.key.length >= 4 && r.key.readInt16BE(2) === 1;
    return false;
  });
  return commit;
}
