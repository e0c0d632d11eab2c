/**
 * Paced producer for the latency scenario, in its own process: every ~1 ms it sends one
 * Produce v7 (acks=1) request holding the records due at `rate` rec/s. Each record's key is
 * [phase u8][process.hrtime.bigint() at send, i64] — CLOCK_MONOTONIC, which the consumer process
 * reads too — and phase 0 marks the warm-up records the consumer leaves out of its percentiles.
 * Requests are pipelined on one connection; every response is checked. Prints one JSON line.
 * Usage: producer.ts <port> <topic> <rate> <seconds> <warmupSeconds>
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RawClient } from '../../test/helpers/raw-client.ts';
import { buildBatch, type BatchRecord } from '../../broker/log/batch-builder.ts';
import { encodeProduceRequest, defaultProduceRequest } from '../../broker/protocol/messages/produce-request.ts';
import { decodeProduceResponse } from '../../broker/protocol/messages/produce-response.ts';
import { recordValue } from '../lib/payload.ts';
import { sortedPercentile } from '../lib/stats.ts';

const [port, topic, rate, seconds, warmupSeconds] = [
  Number(process.argv[2]),
  process.argv[3]!,
  Number(process.argv[4]),
  Number(process.argv[5]),
  Number(process.argv[6] ?? 0),
];
const warmup = Math.round(rate * warmupSeconds);
const total = warmup + Math.round(rate * seconds);
const value = recordValue(0);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const client = await RawClient.connect(port);
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const ackMs = new Float64Array(Math.ceil(total));
let requests = 0;
let acked = 0;
let expectedOffset = 0n;
const errors: string[] = [];
const pending: Promise<void>[] = [];

function send(from: number, to: number): void {
  const sentAt = process.hrtime.bigint();
  const records: BatchRecord[] = [];
  for (let i = from; i < to; i++) {
    const key = Buffer.allocUnsafe(9);
    key[0] = i < warmup ? 0 : 1;
    key.writeBigInt64BE(sentAt, 1);
    records.push({ key, value });
  }
  const batch = buildBatch(records, { baseTimestamp: BigInt(Date.now()) });
  const n = to - from;
  const request = { ...defaultProduceRequest(), acks: 1, timeoutMs: 30_000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] };
  const index = requests++;
  pending.push(
    client.request(0, 7, encodeProduceRequest, request, decodeProduceResponse).then((res) => {
      ackMs[index] = Number(process.hrtime.bigint() - sentAt) / 1e6;
      const p = res.responses[0]?.partitionResponses[0];
      if (!p || p.errorCode !== 0) errors.push(`produce error ${p?.errorCode ?? 'missing'}`);
      else if (p.baseOffset !== expectedOffset) errors.push(`base offset ${p.baseOffset}, expected ${expectedOffset}`);
      else acked += n;
      expectedOffset += BigInt(n);
    }),
  );
}

// Bounded pacing loop: each tick sends what is due until `total` records went out.
const t0 = process.hrtime.bigint();
let sent = 0;
while (sent < total) {
  const due = Math.min(total, Math.floor((Number(process.hrtime.bigint() - t0) / 1e9) * rate));
  if (due > sent) {
    send(sent, due);
    sent = due;
  }
  await sleep(1);
}
await Promise.race([Promise.all(pending), sleep(30_000).then(() => errors.push('acks missing after 30 s'))]);
loopDelay.disable();
client.close();
const acks = ackMs.subarray(0, requests).sort();
console.log(
  JSON.stringify({
    sent,
    warmup,
    acked,
    requests,
    errors: errors.slice(0, 5),
    ackP50: sortedPercentile(acks, 50),
    ackP99: sortedPercentile(acks, 99),
    loopDelayP99: loopDelay.percentile(99) / 1e6,
  }),
);
process.exit(errors.length === 0 ? 0 : 1);
