/** Partition-state answers shared by Metadata and DescribeCluster: one node leads every partition. */
import type { Broker } from '../broker.ts';
import type { ConnectionSession } from '../session.ts';

export { isInternalTopic } from '../log/topic-name.ts';

/** This node as seen from the client's listener: each listener advertises its own address. */
export function brokerEndpoint(broker: Broker, session: ConnectionSession): { nodeId: number; host: string; port: number; rack: string | null } {
  return { nodeId: broker.nodeId, host: session.listener.advertisedHost, port: session.listener.port, rack: null };
}
