/** DescribeCluster (key 60), v0-1: this node is the whole cluster and its controller. */
import { defineHandler } from './handler.ts';
import { brokerEndpoint } from './topic-view.ts';
import { authorizedOperations, refused } from '../acl/api-acls.ts';
import { ResourceType } from '../acl/acl-types.ts';
import { decodeDescribeClusterRequest } from '../protocol/messages/describe-cluster-request.ts';
import { defaultDescribeClusterResponse, encodeDescribeClusterResponse } from '../protocol/messages/describe-cluster-response.ts';

export default defineHandler({
  apiKey: 60,
  minVersion: 0,
  maxVersion: 1,
  decode: decodeDescribeClusterRequest,
  encode: encodeDescribeClusterResponse,
  handle(req, ctx) {
    const { broker, request } = ctx;
    const denied = refused(ctx, 'describeCluster');
    if (denied !== null) return { ...defaultDescribeClusterResponse(), errorCode: denied, errorMessage: null };
    const { nodeId, host, port, rack } = brokerEndpoint(broker, request.session);
    return {
      ...defaultDescribeClusterResponse(),
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? authorizedOperations(ctx, ResourceType.CLUSTER) : -2147483648,
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      brokers: [{ brokerId: nodeId, host, port, rack }],
    };
  },
});
