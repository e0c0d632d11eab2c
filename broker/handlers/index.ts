/**
 * Every API this broker speaks, one handler file per API key. ApiVersions is derived from
 * this table, so an API is advertised exactly when its handler is registered here.
 */
import type { AnyHandler } from './handler.ts';
import apiVersions from './18-api-versions.ts';
import metadata from './03-metadata.ts';
import produce from './00-produce.ts';
import fetch from './01-fetch.ts';
import listOffsets from './02-list-offsets.ts';
import createTopics from './19-create-topics.ts';
import deleteTopics from './20-delete-topics.ts';
import deleteRecords from './21-delete-records.ts';
import offsetForLeaderEpoch from './23-offset-for-leader-epoch.ts';
import describeConfigs from './32-describe-configs.ts';
import alterConfigs from './33-alter-configs.ts';
import createPartitions from './37-create-partitions.ts';
import incrementalAlterConfigs from './44-incremental-alter-configs.ts';
import describeCluster from './60-describe-cluster.ts';
import describeLogDirs from './35-describe-log-dirs.ts';
import consumerGroupHeartbeat from './68-consumer-group-heartbeat.ts';
import consumerGroupDescribe from './69-consumer-group-describe.ts';
import offsetCommit from './08-offset-commit.ts';
import offsetFetch from './09-offset-fetch.ts';
import findCoordinator from './10-find-coordinator.ts';
import joinGroup from './11-join-group.ts';
import heartbeat from './12-heartbeat.ts';
import leaveGroup from './13-leave-group.ts';
import syncGroup from './14-sync-group.ts';
import describeGroups from './15-describe-groups.ts';
import listGroups from './16-list-groups.ts';
import deleteGroups from './42-delete-groups.ts';
import offsetDelete from './47-offset-delete.ts';
import saslHandshake from './17-sasl-handshake.ts';
import saslAuthenticate from './36-sasl-authenticate.ts';
import describeAcls from './29-describe-acls.ts';
import createAcls from './30-create-acls.ts';
import deleteAcls from './31-delete-acls.ts';
import initProducerId from './22-init-producer-id.ts';
import addPartitionsToTxn from './24-add-partitions-to-txn.ts';
import addOffsetsToTxn from './25-add-offsets-to-txn.ts';
import endTxn from './26-end-txn.ts';
import txnOffsetCommit from './28-txn-offset-commit.ts';
import describeProducers from './61-describe-producers.ts';
import describeTransactions from './65-describe-transactions.ts';
import listTransactions from './66-list-transactions.ts';

const ALL: AnyHandler[] = [
  produce,
  fetch,
  listOffsets,
  metadata,
  apiVersions,
  createTopics,
  deleteTopics,
  deleteRecords,
  offsetForLeaderEpoch,
  describeConfigs,
  alterConfigs,
  createPartitions,
  incrementalAlterConfigs,
  describeCluster,
  describeLogDirs,
  consumerGroupHeartbeat,
  consumerGroupDescribe,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  deleteGroups,
  offsetDelete,
  saslHandshake,
  saslAuthenticate,
  describeAcls,
  createAcls,
  deleteAcls,
  initProducerId,
  addPartitionsToTxn,
  addOffsetsToTxn,
  endTxn,
  txnOffsetCommit,
  describeProducers,
  describeTransactions,
  listTransactions,
];

function register(handlers: AnyHandler[]): Map<number, AnyHandler> {
  const map = new Map<number, AnyHandler>();
  for (const h of handlers) {
    if (map.has(h.apiKey)) throw new Error(`API key ${h.apiKey} registered twice`);
    map.set(h.apiKey, h);
  }
  return map;
}

export const HANDLERS: ReadonlyMap<number, AnyHandler> = register(ALL);
