/** A group's committed offsets, keyed by topic then partition. */

export interface CommittedOffset {
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: bigint;
  /** Set only when the commit asked for its own retention (OffsetCommit v2-4 retention_time_ms). */
  expireTimestamp: bigint | null;
}

export interface TopicPartitionOffset extends CommittedOffset {
  topic: string;
  partition: number;
}

export class OffsetTable {
  private readonly byTopic = new Map<string, Map<number, CommittedOffset>>();

  get(topic: string, partition: number): CommittedOffset | undefined {
    return this.byTopic.get(topic)?.get(partition);
  }

  set(topic: string, partition: number, value: CommittedOffset): void {
    let partitions = this.byTopic.get(topic);
    if (!partitions) this.byTopic.set(topic, (partitions = new Map()));
    partitions.set(partition, value);
  }

  /** Returns whether an offset was removed. */
  delete(topic: string, partition: number): boolean {
    const partitions = this.byTopic.get(topic);
    if (!partitions?.delete(partition)) return false;
    if (partitions.size === 0) this.byTopic.delete(topic);
    return true;
  }

  /** Removes every partition of `topic`; returns the partitions that had an offset. */
  deleteTopic(topic: string): number[] {
    const partitions = this.byTopic.get(topic);
    this.byTopic.delete(topic);
    return partitions ? [...partitions.keys()] : [];
  }

  topics(): string[] {
    return [...this.byTopic.keys()].sort();
  }

  partitions(topic: string): [number, CommittedOffset][] {
    return [...(this.byTopic.get(topic) ?? new Map<number, CommittedOffset>())].sort((a, b) => a[0] - b[0]);
  }

  *entries(): Generator<TopicPartitionOffset> {
    for (const [topic, partitions] of this.byTopic) {
      for (const [partition, value] of partitions) yield { topic, partition, ...value };
    }
  }

  get size(): number {
    let n = 0;
    for (const partitions of this.byTopic.values()) n += partitions.size;
    return n;
  }
}
