/**
 * Rebuilding a partition's producer state when its log opens: the newest snapshot, then the
 * batch headers written after it. Without a snapshot an unclean start replays the whole log; a
 * clean start (a log written before snapshots existed) replays only the last two segments, as
 * Kafka does, since that is where any still-active producer's recent batches are.
 */
import type { LogSegment } from '../log/segment.ts';
import { Attr, Off } from '../log/record-batch.ts';
import type { Logger } from '../log/fs-util.ts';
import type { ProducerStateManager } from './producer-state-manager.ts';
import type { AbortedTxnIndex } from './txn-index.ts';
import { isCommitMarker } from './control-marker.ts';

/**
 * `aborted` gets back an ABORT marker's entry when a crash came between the marker and its
 * index write (the index is written right after the marker).
 */
export function rebuildProducerState(
  ps: ProducerStateManager,
  segments: readonly LogSegment[],
  logStartOffset: bigint,
  clean: boolean,
  logger: Logger,
  aborted: AbortedTxnIndex,
): void {
  const active = segments[segments.length - 1]!;
  const logEnd = active.nextOffset;
  let from = ps.loadSnapshot(logEnd, (m) => logger.warn(m));
  if (from < 0n) from = clean && segments.length > 2 ? segments[segments.length - 2]!.baseOffset : logStartOffset;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const nextBase = segments[i + 1]?.baseOffset ?? logEnd;
    if (nextBase <= from || seg.isEmpty) continue;
    const startPos = seg.baseOffset < from ? (seg.findBatch(from)?.pos ?? 0) : 0;
    seg.walk(startPos, false, (meta, buf, off) => {
      if (meta.lastOffset < from) return true;
      const producerId = buf.readBigInt64BE(off + Off.producerId);
      const txnFirst = ps.replay({
        producerId,
        producerEpoch: buf.readInt16BE(off + Off.producerEpoch),
        baseSequence: buf.readInt32BE(off + Off.baseSequence),
        lastOffsetDelta: buf.readInt32BE(off + Off.lastOffsetDelta),
        baseOffset: meta.baseOffset,
        maxTimestamp: meta.maxTimestamp,
        transactional: (meta.attributes & Attr.transactional) !== 0,
        control: (meta.attributes & Attr.control) !== 0,
      });
      if (txnFirst >= 0n && !aborted.has(meta.baseOffset) && !isCommitMarker(seg.readAt(meta.pos, meta.size), 0, meta.size)) {
        aborted.add({ producerId, firstOffset: txnFirst, lastOffset: meta.baseOffset, lastStableOffset: meta.baseOffset + 1n, segment: seg.baseOffset });
      }
      return true;
    });
  }
  ps.mapEndOffset = logEnd;
}
