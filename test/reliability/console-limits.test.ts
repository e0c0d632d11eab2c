import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { streamEvents, type SseEvent } from '../../lib/messages/sse-client.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { randomName, startStack, type Stack } from '../console/stack.ts';

/**
 * Resource limits of the console: a catastrophic-backtracking regex cannot stall it, streams
 * per client are capped, a huge body is refused while it streams in (memory stays flat), and a
 * record larger than the topic allows is a 413 after which producing still works.
 */
let stack: Stack;
let kafka: Kafka;
let producer: Producer;

before(async () => {
  stack = await startStack();
  kafka = new Kafka({ clientId: 'limits', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  producer = kafka.producer();
  await producer.connect();
});
after(async () => {
  await producer?.disconnect();
  await stack?.stop();
});

/** Resident memory of every process in the console's process group, in bytes. */
function groupRss(pgid: number): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // pgrp
      total += Number(fields[21]) * 4096; // rss in pages
    } catch {
      // the process went away
    }
  }
  return total;
}

async function createTopic(configs: Record<string, string> = {}): Promise<string> {
  const name = randomName('limits');
  const res = await stack.api('/api/topics', { method: 'POST', body: { name, partitions: 1, replicationFactor: 1, configs } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return name;
}

async function collect(path: string, onEvent?: (e: SseEvent) => void, signal?: AbortSignal): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  await streamEvents(`${stack.url}${path}`, signal ?? AbortSignal.timeout(120_000), (e) => {
    events.push(e);
    onEvent?.(e);
  });
  return events;
}

describe('Console limits', () => {
  test('a backtracking-prone regex runs in linear time and /api/ping answers meanwhile', async () => {
    const topic = await createTopic();
    // 40 "a"s and a "!": a backtracking engine needs about 2^40 steps for (a+)+$ on each value.
    const value = `${'a'.repeat(40)}!`;
    for (let b = 0; b < 10; b++) await producer.send({ topic, messages: Array.from({ length: 200 }, () => ({ value })) });
    let pings = 0;
    const search = collect(`/api/topics/${topic}/search?value=${encodeURIComponent('(a+)+$')}&valueMatch=regex`, () => undefined);
    const pinger = (async () => {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${stack.url}/api/ping`, { signal: AbortSignal.timeout(20_000) });
        if (res.ok) pings++;
      }
    })();
    const [events] = await Promise.all([search, pinger]);
    const done = events.find((e) => e.event === 'done')?.data as { reason: string; scanned: number; matched: number };
    assert.equal(done.reason, 'end');
    assert.equal(done.scanned, 2000);
    assert.equal(done.matched, 0);
    assert.equal(pings, 3);
    // The same pattern does match where it should.
    await producer.send({ topic, messages: [{ value: 'aaaa' }] });
    const again = await collect(`/api/topics/${topic}/search?value=${encodeURIComponent('(a+)+$')}&valueMatch=regex&partition=0&offset=2000`);
    assert.equal(again.filter((e) => e.event === 'record').length, 1);
  });

  test('at most 4 searches and tails per client; a closed stream frees its slot', async () => {
    const topic = await createTopic();
    const streams = Array.from({ length: 4 }, () => new AbortController());
    const ready = streams.map(
      (ctl) =>
        new Promise<void>((resolve, reject) => {
          collect(`/api/topics/${topic}/tail`, (e) => e.event === 'ready' && resolve(), ctl.signal).catch((e: unknown) =>
            ctl.signal.aborted ? undefined : reject(e),
          );
        }),
    );
    await Promise.all(ready);
    const refused = await stack.api(`/api/topics/${topic}/search?value=x`);
    assert.equal(refused.status, 429, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'too_many_requests');
    assert.match(refused.body.error.message, /4 at once/);
    streams[0]!.abort();
    // The slot comes back once the tail notices the disconnect (its next poll).
    let status = 429;
    for (let i = 0; i < 50 && status === 429; i++) {
      const ctl = new AbortController();
      const res = await fetch(`${stack.url}/api/topics/${topic}/search?value=x`, { signal: ctl.signal });
      status = res.status;
      ctl.abort();
      if (status === 429) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(status, 200);
    for (const ctl of streams) ctl.abort();
  });

  test('a 200 MB chunked body is refused before it is read, without the memory', async () => {
    const before = groupRss(stack.consolePid);
    const res = await rawRequest(stack.url, '/api/topics', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: { chunked: 200 * 1024 * 1024 },
    });
    assert.equal(res.status, 411, res.text);
    assert.equal(res.json.error.code, 'length_required');
    const grown = groupRss(stack.consolePid) - before;
    assert.ok(grown < 100 * 1024 * 1024, `the console grew by ${Math.round(grown / 1024 / 1024)} MiB`);
    assert.equal((await stack.api('/api/ping')).status, 200);
  });

  test('a record larger than max.message.bytes is a 413 and the producer keeps working', async () => {
    const topic = await createTopic({ 'max.message.bytes': '2000' });
    const big = await stack.api(`/api/topics/${topic}/produce`, { method: 'POST', body: { value: 'x'.repeat(5000) } });
    assert.equal(big.status, 413, JSON.stringify(big.body));
    assert.equal(big.body.error.code, 'payload_too_large');
    assert.match(big.body.error.message, /MESSAGE_TOO_LARGE/);
    const small = await stack.api(`/api/topics/${topic}/produce`, { method: 'POST', body: { value: 'fits' } });
    assert.equal(small.status, 201, JSON.stringify(small.body));
    const page = await stack.api(`/api/topics/${topic}/messages?partition=0&offset=0`);
    assert.deepEqual(
      page.body.messages.map((m: { value: { text: string } }) => m.value.text),
      ['fits'],
    );
  });

  test('the produce body limit follows the topic: 5 MiB is fine for a topic that allows 4 MB records', async () => {
    const topic = await createTopic({ 'max.message.bytes': '4194304' });
    const value = 'v'.repeat(3 * 1024 * 1024);
    const res = await stack.api(`/api/topics/${topic}/produce`, { method: 'POST', body: { value } });
    assert.equal(res.status, 201, JSON.stringify(res.body).slice(0, 300));
    const tooBig = await stack.api(`/api/topics/${topic}/produce`, { method: 'POST', body: { value: 'v'.repeat(9 * 1024 * 1024) } });
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.body.error.message, /larger than the/);
  });
});
