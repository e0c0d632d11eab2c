/**
 * Kafka's Java AdminClient against the bundled broker: topic lifecycle, configs, partitions,
 * deleteRecords, the cluster, and consumer groups with their offsets; each call's answer checked.
 * The expected lines are what Apache Kafka 4.1 answers to the same program.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { removeDir, startBroker, type BrokerProcess } from '../helpers/broker-process.ts';
import { compileJava, runJava } from './kafka-fixture.ts';

let broker: BrokerProcess;
let classes: string;

before(async () => {
  [broker, classes] = await Promise.all([startBroker(), compileJava([join(import.meta.dirname, 'java', 'AdminCalls.java')])]);
});
after(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
  if (classes) removeDir(classes);
});

describe('Java AdminClient', () => {
  test('every call answers as Apache Kafka does', async () => {
    const T = 'java-admin';
    const G = 'java-admin-group';
    const res = await runJava('AdminCalls', [broker.bootstrap, T, G], { extraClasspath: [classes], timeoutMs: 90_000 });
    const failure = `AdminCalls exited with ${res.code}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr.slice(-6000)}\n--- broker\n${broker.output().slice(-3000)}`;
    assert.equal(res.code, 0, failure);
    const lines = new Map(res.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
    const line = (key: string): string => {
      assert.ok(lines.has(key), `no ${key} line\n${failure}`);
      return lines.get(key)!;
    };
    assert.match(line('CLUSTER'), /^\S+ nodes=1 controller=\d+$/);
    assert.equal(line('CREATED'), T);
    assert.equal(line('LISTED'), 'true');
    assert.match(line('DESCRIBED'), new RegExp(`^${T} partitions=2 leaders=(\\d+),\\1 replicas=1,1 internal=false$`));
    assert.equal(line('CONFIG'), '{retention.ms=3600000} cleanup.policy=delete max.message.bytes=1048588');
    assert.equal(line('ALTERED'), '{cleanup.policy=delete,compact,max.message.bytes=65536,retention.ms=7200000} cleanup.policy=delete,compact max.message.bytes=65536');
    assert.equal(line('REVERTED'), '{cleanup.policy=delete,retention.ms=7200000} cleanup.policy=delete max.message.bytes=1048588');
    assert.match(line('PARTITIONS'), new RegExp(`^${T} partitions=3 leaders=(\\d+),\\1,\\1 replicas=1,1,1 internal=false$`));
    assert.equal(line('DELETED_RECORDS'), '4 earliest=4');
    assert.equal(line('GROUPS'), `${G}:Stable`);
    assert.equal(line('GROUP_DESCRIBED'), `Stable members=1 assignor=range assigned=${T}:0,${T}:1,${T}:2`);
    assert.equal(line('OFFSETS'), `{${T}:0=5,${T}:1=6,${T}:2=7}`);
    assert.equal(line('GROUP_EMPTY'), 'Empty members=0');
    assert.equal(line('OFFSETS_ALTERED'), `{${T}:0=9,${T}:1=2,${T}:2=7}`);
    assert.equal(line('OFFSETS_DELETED'), `{${T}:0=9,${T}:2=7}`);
    assert.equal(line('TOPIC_DELETED'), 'true');
  });
});
