/**
 * Latency consumer, in its own process: long-polls Fetch v11 (maxWait 500 ms, minBytes 1) on
 * partition 0 from offset 0 and, for every record, takes now − the producer's send time carried
 * in the key (process.hrtime.bigint(), CLOCK_MONOTONIC, shared across processes on Linux).
 * "now" is read once per fetch response, as soon as it is in. Checks offsets are contiguous
 * and stops after `expected` records (or the deadline). Prints "ready" once connected, then one
 * JSON line with the percentiles of the measured (phase 1) records.
 * Usage: consumer.ts <port> <topic> <expected> <deadlineSeconds>
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RawClient } from '../../test/helpers/raw-client.ts';
import { forEachRecord } from '../../broker/log/records.ts';
import { encodeFetchRequest, defaultFetchRequest, defaultFetchTopic, defaultFetchPartition } from '../../broker/protocol/messages/fetch-request.ts';
import { decodeFetchResponse } from '../../broker/protocol/messages/fetch-response.ts';
import { sortedPercentile } from '../lib/stats.ts';

const [port, topic, expected, deadlineSeconds] = [Number(process.argv[2]), process.argv[3]!, Number(process.argv[4]), Number(process.argv[5] ?? 60)];
const client = await RawClient.connect(port);
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
const latencies = new Float64Array(expected);
let measured = 0;
let records = 0;
let offset = 0n;
const errors: string[] = [];
const deadline = performance.now() + deadlineSeconds * 1000;
console.log('ready');
loopDelay.enable();

// Bounded: stops at `expected` records, on an error or at the deadline.
while (records < expected && errors.length === 0 && performance.now() < deadline) {
  const res = await client.request(
    1,
    11,
    encodeFetchRequest,
    {
      ...defaultFetchRequest(),
      maxWaitMs: 500,
      minBytes: 1,
      maxBytes: 1 << 20,
      topics: [{ ...defaultFetchTopic(), topic, partitions: [{ ...defaultFetchPartition(), partition: 0, fetchOffset: offset, partitionMaxBytes: 1 << 20 }] }],
    },
    decodeFetchResponse,
  );
  const now = process.hrtime.bigint();
  const p = res.responses[0]?.partitions[0];
  if (res.errorCode !== 0 || !p || p.errorCode !== 0) {
    errors.push(`fetch error ${res.errorCode}/${p?.errorCode ?? 'missing'}`);
    break;
  }
  const buf = p.records;
  if (!buf) continue;
  // Whole batches only; a trailing partial batch is fetched again from its offset.
  for (let pos = 0; pos + 12 <= buf.length;) {
    const size = 12 + buf.readInt32BE(pos + 8);
    if (pos + size > buf.length) break;
    const plain = forEachRecord(buf, pos, size, (r) => {
      if (r.offset < offset) return; // fetched again after a partial batch
      if (r.offset !== offset) errors.push(`offset ${r.offset}, expected ${offset}`);
      offset = r.offset + 1n;
      records++;
      if (r.key && r.key.length === 9 && r.key[0] === 1 && measured < expected) latencies[measured++] = Number(now - r.key.readBigInt64BE(1)) / 1e6;
    });
    if (!plain) errors.push('compressed batch');
    pos += size;
  }
}
loopDelay.disable();
client.close();
if (records < expected && errors.length === 0) errors.push(`deadline: ${records} of ${expected} records`);
const sorted = latencies.subarray(0, measured).sort();
console.log(
  JSON.stringify({
    records,
    measured,
    errors: errors.slice(0, 5),
    p50: sortedPercentile(sorted, 50),
    p99: sortedPercentile(sorted, 99),
    p999: sortedPercentile(sorted, 99.9),
    max: sorted[sorted.length - 1] ?? NaN,
    loopDelayP99: loopDelay.percentile(99) / 1e6,
  }),
);
process.exit(errors.length === 0 ? 0 : 1);
