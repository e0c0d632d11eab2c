/**
 * Kafka's Java AdminClient against the bundled broker: topic lifecycle, configs, partitions,
 * deleteRecords, the cluster, and consumer groups with their offsets; each call's answer checked.
 * The expected lines are what Apache Kafka 4.1 answers to the same program.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useJavaPrograms } from './java-programs.ts';

const java = useJavaPrograms(['AdminCalls.java']);

describe('Java AdminClient', () => {
  test('every call answers as Apache Kafka does', async () => {
    const T = 'java-admin';
    const G = 'java-admin-group';
    const res = await java.run('AdminCalls', [java.broker().bootstrap, T, G]);
    const { failure } = res;
    assert.equal(res.code, 0, failure);
    const lines = new Map(
      res.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]),
    );
    const line = (key: string): string => {
      assert.ok(lines.has(key), `no ${key} line\n${failure}`);
      return lines.get(key)!;
    };
    assert.match(line('CLUSTER'), /^\S+ nodes=1 controller=\d+$/);
    assert.equal(line('CREATED'), T);
    assert.equal(line('LISTED'), 'true');
    assert.match(line('DESCRIBED'), new RegExp(`^${T} partitions=2 leaders=(\\d+),\\1 replicas=1,1 internal=false$`));
    assert.equal(line('CONFIG'), '{retention.ms=3600000} cleanup.policy=delete max.message.bytes=1048588');
    assert.equal(
      line('ALTERED'),
      '{cleanup.policy=delete,compact,max.message.bytes=65536,retention.ms=7200000} cleanup.policy=delete,compact max.message.bytes=65536',
    );
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
