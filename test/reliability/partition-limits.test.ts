/**
 * Partition caps and topic changes in slices, against real broker processes: requests over
 * kayak.max.partitions.per.request or kayak.max.partitions fail with POLICY_VIOLATION and create
 * nothing; while a 5,000-partition topic is created or deleted another connection is answered
 * before the change completes; a clean stop with those partitions is measured and reported.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeCreateTopicsRequest, defaultCreateTopicsRequest, defaultCreatableTopic } from '../../broker/protocol/messages/create-topics-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';
import { encodeCreatePartitionsRequest, defaultCreatePartitionsRequest } from '../../broker/protocol/messages/create-partitions-request.ts';
import { decodeCreatePartitionsResponse } from '../../broker/protocol/messages/create-partitions-response.ts';
import { encodeDeleteTopicsRequest, defaultDeleteTopicsRequest } from '../../broker/protocol/messages/delete-topics-request.ts';
import { decodeDeleteTopicsResponse } from '../../broker/protocol/messages/delete-topics-response.ts';
import { encodeMetadataRequest, defaultMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse } from '../../broker/protocol/messages/metadata-response.ts';
import { CLEAN_SHUTDOWN_FILE } from '../../broker/log/log-manager.ts';
import { sleep } from './hostile-helpers.ts';

const POLICY_VIOLATION = 44;
const WIDE = 5000;

const createTopics = (client: RawClient, topics: { name: string; numPartitions: number }[]) =>
  client.request(
    19,
    5,
    encodeCreateTopicsRequest,
    { ...defaultCreateTopicsRequest(), timeoutMs: 600_000, topics: topics.map((t) => ({ ...defaultCreatableTopic(), replicationFactor: 1, ...t })) },
    decodeCreateTopicsResponse,
  );
const createPartitions = (client: RawClient, name: string, count: number) =>
  client.request(
    37,
    1,
    encodeCreatePartitionsRequest,
    { ...defaultCreatePartitionsRequest(), timeoutMs: 600_000, topics: [{ name, count, assignments: null }] },
    decodeCreatePartitionsResponse,
  );
const deleteTopics = (client: RawClient, names: string[]) =>
  client.request(20, 4, encodeDeleteTopicsRequest, { ...defaultDeleteTopicsRequest(), timeoutMs: 600_000, topicNames: names }, decodeDeleteTopicsResponse);
const metadata = (client: RawClient, names: string[] | null) =>
  client.request(
    3,
    9,
    encodeMetadataRequest,
    { ...defaultMetadataRequest(), allowAutoTopicCreation: false, topics: names && names.map((name) => ({ topicId: Buffer.alloc(16), name })) },
    decodeMetadataResponse,
  );

const partitionDirs = (dataDir: string, topic: string): number => readdirSync(dataDir).filter((d) => d.startsWith(`${topic}-`)).length;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}

test('partition caps: POLICY_VIOLATION per request and per broker, nothing created', async () => {
  const broker = await startBroker({ config: { 'kayak.max.partitions.per.request': '100', 'kayak.max.partitions': '150' } });
  const client = await RawClient.connect(broker.port);
  try {
    const over = await createTopics(client, [
      { name: 'a', numPartitions: 60 },
      { name: 'b', numPartitions: 41 },
    ]);
    assert.deepEqual(
      over.topics.map((t) => t.errorCode),
      [POLICY_VIOLATION, POLICY_VIOLATION],
      'the whole request fails when its total is over the cap',
    );
    assert.match(over.topics[0]?.errorMessage ?? '', /Excessively large number of partitions per request/);

    assert.equal((await createTopics(client, [{ name: 'a', numPartitions: 100 }])).topics[0]?.errorCode, 0);
    const full = await createTopics(client, [{ name: 'b', numPartitions: 60 }]);
    assert.equal(full.topics[0]?.errorCode, POLICY_VIOLATION, 'over kayak.max.partitions');
    assert.match(full.topics[0]?.errorMessage ?? '', /kayak\.max\.partitions=150/);
    const grow = await createPartitions(client, 'a', 160);
    assert.equal(grow.results[0]?.errorCode, POLICY_VIOLATION, 'growing past kayak.max.partitions');
    const growMany = await createPartitions(client, 'a', 250);
    assert.equal(growMany.results[0]?.errorCode, POLICY_VIOLATION, 'adding more than kayak.max.partitions.per.request');
    assert.equal((await createPartitions(client, 'a', 150)).results[0]?.errorCode, 0, 'growing up to the cap works');

    const topics = (await metadata(client, null)).topics;
    assert.deepEqual(
      topics.map((t) => [t.name, t.partitions.length]),
      [['a', 150]],
    );
    assert.equal(partitionDirs(broker.dataDir, 'b'), 0, 'no directory of a refused topic');
    assert.equal(partitionDirs(broker.dataDir, 'a'), 150);
  } finally {
    client.close();
    await broker.stop();
    removeDir(broker.dataDir);
  }
});

let wide: BrokerProcess;

before(async () => {
  wide = await startBroker();
});

after(async () => {
  await wide.stop();
  removeDir(wide.dataDir);
});

test(`a ${WIDE}-partition topic is created in slices: other clients are answered meanwhile`, async (t) => {
  const creator = await RawClient.connect(wide.port);
  const other = await RawClient.connect(wide.port);
  try {
    // The default per-request cap (10,000) refuses a bigger topic without making a directory.
    const tooWide = await createTopics(creator, [{ name: 'too-wide', numPartitions: 10_001 }]);
    assert.equal(tooWide.topics[0]?.errorCode, POLICY_VIOLATION);
    assert.equal(partitionDirs(wide.dataDir, 'too-wide'), 0);

    let created = false;
    const started = Date.now();
    const creation = createTopics(creator, [{ name: 'wide', numPartitions: WIDE }]).then((r) => {
      created = true;
      return r;
    });
    await until(() => existsSync(join(wide.dataDir, 'wide-0'))); // creation is under way
    for (let i = 0; i < 3; i++) {
      await metadata(other, null);
      assert.equal(created, false, 'a Metadata request from another connection is answered before the creation completes');
    }
    const result = await creation;
    t.diagnostic(`created ${WIDE} partitions in ${Date.now() - started} ms`);
    assert.equal(result.topics[0]?.errorCode, 0);
    assert.equal((await metadata(other, ['wide'])).topics[0]?.partitions.length, WIDE);
  } finally {
    creator.close();
    other.close();
  }
});

test(`a clean stop with ${WIDE} partitions is short (measured) and the restart finds them all`, async (t) => {
  const started = Date.now();
  assert.equal(await wide.stop(), 0);
  t.diagnostic(`SIGTERM to exit with ${WIDE} partitions: ${Date.now() - started} ms`);
  assert.ok(existsSync(join(wide.dataDir, CLEAN_SHUTDOWN_FILE)), 'the clean-shutdown marker is written');
  const restarted = Date.now();
  wide = await startBroker({ dataDir: wide.dataDir });
  t.diagnostic(`restart with ${WIDE} partitions: ${Date.now() - restarted} ms`);
  const client = await RawClient.connect(wide.port);
  try {
    assert.equal((await metadata(client, ['wide'])).topics[0]?.partitions.length, WIDE);
  } finally {
    client.close();
  }
});

test(`a ${WIDE}-partition topic is deleted in slices: other clients are answered meanwhile`, async (t) => {
  const deleter = await RawClient.connect(wide.port);
  const other = await RawClient.connect(wide.port);
  try {
    let deleted = false;
    const started = Date.now();
    const deletion = deleteTopics(deleter, ['wide']).then((r) => {
      deleted = true;
      return r;
    });
    await until(() => !existsSync(join(wide.dataDir, 'wide-0'))); // deletion is under way
    await metadata(other, null);
    assert.equal(deleted, false, 'a Metadata request from another connection is answered before the deletion completes');
    assert.equal((await deletion).responses[0]?.errorCode, 0);
    t.diagnostic(`deleted ${WIDE} partitions in ${Date.now() - started} ms`);
    assert.equal(partitionDirs(wide.dataDir, 'wide'), 0);
    assert.deepEqual((await metadata(other, null)).topics, []);
  } finally {
    deleter.close();
    other.close();
  }
});

test('a request naming many small topics also yields: other clients are answered meanwhile', async () => {
  const names = Array.from({ length: 500 }, (_, i) => `small-${i}`);
  const creator = await RawClient.connect(wide.port);
  const other = await RawClient.connect(wide.port);
  try {
    let created = false;
    const creation = createTopics(
      creator,
      names.map((name) => ({ name, numPartitions: 1 })),
    ).then((r) => {
      created = true;
      return r;
    });
    await until(() => existsSync(join(wide.dataDir, 'small-0-0')));
    await metadata(other, null);
    assert.equal(created, false, 'answered before the 500 topics are all created');
    assert.deepEqual(new Set((await creation).topics.map((t) => t.errorCode)), new Set([0]));

    let deleted = false;
    const deletion = deleteTopics(creator, names).then((r) => {
      deleted = true;
      return r;
    });
    await until(() => !existsSync(join(wide.dataDir, 'small-0-0')));
    await metadata(other, null);
    assert.equal(deleted, false, 'answered before the 500 topics are all deleted');
    assert.deepEqual(new Set((await deletion).responses.map((t) => t.errorCode)), new Set([0]));
  } finally {
    creator.close();
    other.close();
  }
});
