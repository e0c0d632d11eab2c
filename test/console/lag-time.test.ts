/**
 * Lag in time, rates and the catch-up estimate, lag history kept across a console restart, the
 * topic list's lag column and the topic page's produce rates, against the bundled broker or
 * Apache Kafka (KAYAK_TEST_TARGET). The stack samples every second (KAYAK_LAG_SAMPLE_MS=1000).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { randomName, startStack, type Stack } from './stack.ts';
import { startTargetStack } from './target.ts';

const historyDir = mkdtempSync(join(tmpdir(), 'kayak-lag-'));
let stack: Stack;
let kafka: Kafka;

before(async () => {
  stack = await startTargetStack({ env: { KAYAK_LAG_HISTORY_DIR: historyDir } });
  kafka = new Kafka({ clientId: 'lag-time-test', brokers: [stack.broker], logLevel: logLevel.NOTHING });
});
after(async () => {
  await stack?.stop();
  rmSync(historyDir, { recursive: true, force: true });
});

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Console API > lag in time', () => {
  const topic = randomName('lag-time');
  const groupId = randomName('lag-time-group');

  test('lag in time is now minus the next unconsumed record’s timestamp; rates and the estimate follow the samples', async () => {
    assert.equal((await stack.api('/api/topics', { method: 'POST', body: { name: topic, partitions: 2, replicationFactor: 1 } })).status, 201);
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      const hourAgo = Date.now() - 3600_000;
      await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ partition: i % 2, value: `m${i}`, timestamp: String(hourAgo + i) })) });
      await admin.setOffsets({
        groupId,
        topic,
        partitions: [
          { partition: 0, offset: '3' },
          { partition: 1, offset: '10' },
        ],
      });
      const res = await stack.api(`/api/groups/${groupId}/lag-time`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const [p0, p1] = res.body.partitions;
      assert.equal(p0.lag, '7');
      // The next unconsumed record of partition 0 is offset 3, written as record 6 (hourAgo + 6).
      const expected = Date.now() - (hourAgo + 6);
      assert.ok(Math.abs(p0.lagMs - expected) < 60_000, `lagMs ${p0.lagMs}, expected about ${expected}`);
      assert.equal(p1.lag, '0');
      assert.equal(p1.lagMs, 0);
      assert.equal(p1.trend, 'caught-up');
      assert.equal(res.body.maxLagMs, p0.lagMs);

      // Producing to partition 0 while nobody consumes: the group falls behind, with no estimate.
      const falling = await until('a produce rate', async () => {
        await producer.send({ topic, messages: Array.from({ length: 20 }, () => ({ partition: 0, value: 'more' })) });
        const r = await stack.api(`/api/groups/${groupId}/lag-time`);
        const p = r.body.partitions[0];
        return p.produceRate > 0 ? p : undefined;
      });
      assert.equal(falling.consumeRate, 0);
      assert.equal(falling.trend, 'falling-behind');
      assert.equal(falling.etaSec, null);

      // The group commits up to 3 records short of the end: it consumed more than was produced meanwhile.
      const end = BigInt((await admin.fetchTopicOffsets(topic)).find((o) => o.partition === 0)!.high);
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(end - 3n) }] });
      const catching = await until('a catch-up estimate', async () => {
        const p = (await stack.api(`/api/groups/${groupId}/lag-time`)).body.partitions[0];
        return p.trend === 'catching-up' ? p : undefined;
      });
      assert.equal(catching.lag, '3');
      assert.ok(catching.consumeRate > 0);
      assert.ok(catching.etaSec > 0);
    } finally {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }
  });

  test('the topic list’s lag column (group states in its rows) and the topic page’s produce rates', async () => {
    // The topic list's rows carry the groups reading each topic, their state and lag on it.
    const list = await stack.api('/api/topics');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const row = list.body.find((t: any) => t.name === topic);
    assert.ok(row, JSON.stringify(list.body).slice(0, 300));
    assert.equal(row.readers[0].groupId, groupId);
    assert.equal(row.readers[0].state, 'Empty');
    assert.ok(BigInt(row.readers[0].lag) > 0n);
    assert.equal(row.totalLag, row.readers.reduce((n: bigint, g: any) => n + BigInt(g.lag), 0n).toString());
    // The same lag as the group's own page.
    const group = await stack.api(`/api/groups/${groupId}`);
    assert.equal(
      group.body.offsets
        .filter((o: any) => o.topic === topic && o.committedOffset !== null)
        .reduce((n: bigint, o: any) => n + BigInt(o.lag), 0n)
        .toString(),
      row.readers[0].lag,
    );

    const producer = kafka.producer();
    await producer.connect();
    try {
      const rates = await until('a produce rate on partition 1', async () => {
        await producer.send({ topic, messages: Array.from({ length: 30 }, () => ({ partition: 1, value: 'r' })) });
        const r = await stack.api(`/api/topics/${topic}/rates`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.points.some((p: any) => p.rates[1] > 0) ? r.body : undefined;
      });
      assert.ok(rates.points.every((p: any) => p.rates.length === 2));
    } finally {
      await producer.disconnect();
    }
    assert.equal((await stack.api(`/api/topics/${randomName('nope')}/rates`)).status, 404);
  });

  test('lag history takes a range, is kept on disk and survives a console restart', async () => {
    assert.equal((await stack.api(`/api/groups/${groupId}/lag-history?range=2h`)).status, 400);
    const history = await until('two samples', async () => {
      const r = await stack.api(`/api/groups/${groupId}/lag-history?range=1h`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.length >= 2 ? r.body : undefined;
    });
    const file = readdirSync(historyDir).find((f) => f.endsWith('.jsonl'));
    assert.ok(file, 'a history file was written');
    assert.match(readFileSync(join(historyDir, file), 'utf8'), new RegExp(groupId));
    const again = await startStack({ bootstrap: stack.broker, env: { KAYAK_LAG_HISTORY_DIR: historyDir } });
    try {
      const r = await again.api(`/api/groups/${groupId}/lag-history?range=7d`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(r.body.length >= history.length, `${r.body.length} samples after the restart, ${history.length} before`);
      // Every sample served before the restart is served after it (the file may hold more).
      const after = new Set(r.body.map((s: { at: number }) => s.at));
      assert.deepEqual(
        history.filter((s: { at: number }) => !after.has(s.at)),
        [],
      );
    } finally {
      await again.stop();
    }
  });
});
