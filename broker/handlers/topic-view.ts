/** Partition-state answers shared by Metadata and DescribeCluster: one node leads every partition. */
import type { Broker } from '../broker.ts';

export const INTERNAL_TOPICS: ReadonlySet<string> = new Set(['__consumer_offsets', '__transaction_state']);

/** A topic name clients may not auto-create (internal topics are created by the broker itself). */
export function isInternalTopic(name: string): boolean {
  return INTERNAL_TOPICS.has(name);
}

export function brokerEndpoint(broker: Broker): { nodeId: number; host: string; port: number; rack: string | null } {
  const { host, port } = broker.advertised;
  return { nodeId: broker.nodeId, host, port, rack: null };
}
