import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { Isolation, MessageDto } from '../../messages/dto';
import { withFreeConsumer, type FreeConsumer, type RawRecord } from '../kafka/free-consumer';
import { readRange } from '../messages/reader';
import { toMessageDto, type RenderOptions } from '../messages/to-dto';

/**
 * One record by topic, partition and offset through the free consumer, decoded as the message
 * view decodes it. An offset with no record (deleted, compacted away, a transaction marker, or
 * past the end) is a 404 that says which of these it is.
 */
export async function readRecord(
  cluster: ClusterRef,
  topic: string,
  partition: number,
  offset: bigint,
  isolation: Isolation,
  render: RenderOptions,
): Promise<MessageDto> {
  return withFreeConsumer(cluster, topic, async (c) => toMessageDto(await readRawRecord(c, partition, offset), render), isolation);
}

export async function readRawRecord(c: FreeConsumer, partition: number, offset: bigint): Promise<RawRecord> {
  const topic = c.topic;
  if (!c.partitions.includes(partition)) throw new ApiError('not_found', `Topic "${topic}" has no partition ${partition} (it has ${c.partitions.length})`);
  const { low, high } = await c.bounds(partition);
  if (offset < low) throw new ApiError('not_found', `Offset ${offset} of ${topic}/${partition} has been deleted: the oldest record still stored is at ${low}`);
  if (offset >= high) throw new ApiError('not_found', `Offset ${offset} is past the end of ${topic}/${partition}: the last record is at ${high - 1n}`);
  const read = await readRange(c, partition, offset, 1, offset + 1n);
  const r = read.records[0];
  if (!r || r.offset !== offset)
    throw new ApiError(
      'not_found',
      `${topic}/${partition} has no record at offset ${offset}: it was removed by compaction, is a transaction marker, or belongs to an aborted transaction`,
    );
  return r;
}
