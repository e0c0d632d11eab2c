import 'server-only';
import type { PartitionMetadata } from 'kafkajs';
import type { PartitionDto } from '../../dto';
import type { PartitionOffsets } from './topic-offsets';

/** Reshapes kafkajs wire structures into the console's DTOs (INT64 → decimal strings). */

export function isInternalTopic(name: string): boolean {
  return name.startsWith('__');
}

export function reshapePartition(
  p: Pick<PartitionMetadata, 'partitionId' | 'leader' | 'replicas' | 'isr' | 'offlineReplicas'>,
  offsets: PartitionOffsets | undefined,
): PartitionDto {
  const low = offsets?.low ?? 0n;
  const high = offsets?.high ?? 0n;
  return {
    partition: p.partitionId,
    leader: p.leader,
    replicas: [...p.replicas],
    isr: [...p.isr],
    offlineReplicas: [...(p.offlineReplicas ?? [])],
    firstOffset: low.toString(),
    lastOffset: high.toString(),
    ...(offsets?.stable !== undefined && { lastStableOffset: offsets.stable.toString() }),
    messages: (high > low ? high - low : 0n).toString(),
    underReplicated: p.isr.length < p.replicas.length,
  };
}
