/** Partition-state answers shared by Metadata and DescribeCluster: one node leads every partition. */
import type { Broker } from '../broker.ts';

export { isInternalTopic } from '../log/topic-name.ts';

export function brokerEndpoint(broker: Broker): { nodeId: number; host: string; port: number; rack: string | null } {
  const { host, port } = broker.advertised;
  return { nodeId: broker.nodeId, host, port, rack: null };
}
