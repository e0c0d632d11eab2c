/**
 * Admin and metadata semantics at the protocol level, for requests the client tests do not
 * send: Metadata topic-list semantics per version, CreateTopics validateOnly and defaults,
 * IncrementalAlterConfigs, DescribeCluster and OffsetForLeaderEpoch.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeMetadataRequest, defaultMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse } from '../../broker/protocol/messages/metadata-response.ts';
import { encodeCreateTopicsRequest, defaultCreateTopicsRequest, defaultCreatableTopic } from '../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';
import {
  encodeIncrementalAlterConfigsRequest,
  defaultIncrementalAlterConfigsRequest,
} from '../../broker/protocol/messages/incremental-alter-configs-request.ts';
import { decodeIncrementalAlterConfigsResponse } from '../../broker/protocol/messages/incremental-alter-configs-response.ts';
import { encodeDescribeConfigsRequest, defaultDescribeConfigsRequest } from '../../broker/protocol/messages/describe-configs-request.ts';
import { decodeDescribeConfigsResponse } from '../../broker/protocol/messages/describe-configs-response.ts';
import { encodeDescribeClusterRequest, defaultDescribeClusterRequest } from '../../broker/protocol/messages/describe-cluster-request.ts';
import { decodeDescribeClusterResponse } from '../../broker/protocol/messages/describe-cluster-response.ts';
import { encodeOffsetForLeaderEpochRequest, defaultOffsetForLeaderEpochRequest } from '../../broker/protocol/messages/offset-for-leader-epoch-request.ts';
import { decodeOffsetForLeaderEpochResponse } from '../../broker/protocol/messages/offset-for-leader-epoch-response.ts';

let broker: BrokerProcess;
let client: RawClient;

before(async () => {
  broker = await startBroker({ config: { 'num.partitions': '3' } });
  client = await RawClient.connect(broker.port);
});

after(async () => {
  client.close();
  await broker.stop();
  removeDir(broker.dataDir);
});

const metadata = (version: number, topics: string[] | null, allowAutoTopicCreation = false) =>
  client.request(
    3,
    version,
    encodeMetadataRequest,
    { ...defaultMetadataRequest(), allowAutoTopicCreation, topics: topics && topics.map((name) => ({ topicId: Buffer.alloc(16), name })) },
    decodeMetadataResponse,
  );

const createTopics = (version: number, validateOnly: boolean, topics: { name: string; numPartitions: number; replicationFactor: number }[]) =>
  client.request(
    19,
    version,
    encodeCreateTopicsRequest,
    { ...defaultCreateTopicsRequest(), validateOnly, timeoutMs: 5000, topics: topics.map((t) => ({ ...defaultCreatableTopic(), ...t })) },
    decodeCreateTopicsResponse,
  );

test('CreateTopics validateOnly creates nothing; -1 takes the broker defaults', async () => {
  const dry = await createTopics(7, true, [{ name: 'dry-run', numPartitions: 4, replicationFactor: 1 }]);
  assert.equal(dry.topics[0]?.errorCode, 0);
  assert.equal(dry.topics[0]?.numPartitions, 4);
  assert.equal((await metadata(9, ['dry-run'])).topics[0]?.errorCode, 3, 'validateOnly left no topic behind');

  const defaults = await createTopics(7, false, [{ name: 'defaults', numPartitions: -1, replicationFactor: -1 }]);
  assert.equal(defaults.topics[0]?.errorCode, 0);
  assert.equal(defaults.topics[0]?.numPartitions, 3, 'num.partitions=3 from --config');
  assert.equal(defaults.topics[0]?.replicationFactor, 1);
  assert.equal(defaults.topics[0]?.topicId.length, 16);
  assert.ok(defaults.topics[0]?.configs?.some((c) => c.name === 'retention.ms' && c.configSource === 5));

  const again = await createTopics(7, false, [{ name: 'defaults', numPartitions: 1, replicationFactor: 1 }]);
  assert.equal(again.topics[0]?.errorCode, 36, 'TOPIC_ALREADY_EXISTS');
  const bad = await createTopics(3, false, [{ name: 'no/slashes', numPartitions: 1, replicationFactor: 1 }]);
  assert.equal(bad.topics[0]?.errorCode, 17, 'INVALID_TOPIC_EXCEPTION');
  const zero = await createTopics(3, false, [{ name: 'zero', numPartitions: 0, replicationFactor: 1 }]);
  assert.equal(zero.topics[0]?.errorCode, 37, 'INVALID_PARTITIONS');
});

test('Metadata topic lists: v0 [] is all, v1+ null is all and [] is none; auto-create when allowed', async () => {
  assert.ok((await metadata(0, [])).topics.some((t) => t.name === 'defaults'));
  assert.ok((await metadata(1, null)).topics.some((t) => t.name === 'defaults'));
  assert.equal((await metadata(1, [])).topics.length, 0);
  const refused = await metadata(9, ['auto-no'], false);
  assert.equal(refused.topics[0]?.errorCode, 3);
  const created = await metadata(9, ['auto-yes'], true);
  assert.equal(created.topics[0]?.errorCode, 0);
  assert.equal(created.topics[0]?.partitions.length, 3);
  const meta = await metadata(9, ['auto-yes']);
  assert.equal(meta.controllerId, 1);
  assert.deepEqual(
    meta.brokers.map((b) => [b.nodeId, b.host, b.port]),
    [[1, '127.0.0.1', broker.port]],
  );
  assert.deepEqual(meta.topics[0]?.partitions[0]?.replicaNodes, [1]);
});

test('IncrementalAlterConfigs sets, appends and deletes single keys and validates values', async () => {
  const alter = (configs: { name: string; configOperation: number; value: string | null }[]) =>
    client.request(
      44,
      1,
      encodeIncrementalAlterConfigsRequest,
      { ...defaultIncrementalAlterConfigsRequest(), resources: [{ resourceType: 2, resourceName: 'defaults', configs }] },
      decodeIncrementalAlterConfigsResponse,
    );
  const describe = async (name: string) => {
    const r = await client.request(
      32,
      4,
      encodeDescribeConfigsRequest,
      { ...defaultDescribeConfigsRequest(), resources: [{ resourceType: 2, resourceName: 'defaults', configurationKeys: [name] }] },
      decodeDescribeConfigsResponse,
    );
    return r.results[0]?.configs[0];
  };
  assert.equal((await alter([{ name: 'retention.ms', configOperation: 0, value: '1000' }])).responses[0]?.errorCode, 0);
  assert.equal((await describe('retention.ms'))?.value, '1000');
  assert.equal((await describe('retention.ms'))?.configSource, 1, 'DYNAMIC_TOPIC_CONFIG');
  assert.equal((await alter([{ name: 'cleanup.policy', configOperation: 2, value: 'compact' }])).responses[0]?.errorCode, 0);
  assert.equal((await describe('cleanup.policy'))?.value, 'delete,compact');
  assert.equal((await alter([{ name: 'retention.ms', configOperation: 1, value: null }])).responses[0]?.errorCode, 0);
  const restored = await describe('retention.ms');
  assert.equal(restored?.value, '604800000');
  assert.equal(restored?.configSource, 5, 'DEFAULT_CONFIG again');
  const invalid = await alter([{ name: 'segment.bytes', configOperation: 0, value: 'big' }]);
  assert.equal(invalid.responses[0]?.errorCode, 40, 'INVALID_CONFIG');
  assert.match(invalid.responses[0]?.errorMessage ?? '', /segment\.bytes/);
  const unknown = await alter([{ name: 'no.such.config', configOperation: 0, value: '1' }]);
  assert.equal(unknown.responses[0]?.errorCode, 40);
});

test('DescribeCluster and OffsetForLeaderEpoch describe the single node', async () => {
  const cluster = await client.request(60, 1, encodeDescribeClusterRequest, defaultDescribeClusterRequest(), decodeDescribeClusterResponse);
  assert.equal(cluster.controllerId, 1);
  assert.equal(cluster.clusterId.length, 22);
  assert.deepEqual(
    cluster.brokers.map((b) => b.port),
    [broker.port],
  );
  const epochs = await client.request(
    23,
    4,
    encodeOffsetForLeaderEpochRequest,
    {
      ...defaultOffsetForLeaderEpochRequest(),
      topics: [
        {
          topic: 'defaults',
          partitions: [
            { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 },
            { partition: 9, currentLeaderEpoch: -1, leaderEpoch: 0 },
          ],
        },
      ],
    },
    decodeOffsetForLeaderEpochResponse,
  );
  assert.deepEqual(
    epochs.topics[0]?.partitions.map((p) => [p.errorCode, p.leaderEpoch, p.endOffset]),
    [
      [0, 0, 0n],
      [3, -1, -1n],
    ],
  );
});
