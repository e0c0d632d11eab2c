/**
 * Torn-tail and flipped-byte recovery, randomized (test/log/recovery.test.ts has the fixed
 * cases). A partition log is left as a kill -9 leaves it (never closed), then damaged: the
 * active segment cut at a random point, random bytes flipped in its tail, its indexes
 * overwritten or cut, an older segment's index cut. On reopen the log must hold exactly the
 * batches that end before the first damaged byte, byte for byte (no corrupt batch is served),
 * and the next append must get the offset right after them. A second test does the same to a
 * real broker process killed with SIGKILL, read back and written to by kafkajs.
 *
 * Only bytes a CRC or a structural check protects are flipped: Kafka's RecordBatch CRC32C
 * covers everything from the attributes on, and neither Kafka nor this broker can detect a
 * flipped baseOffset or partitionLeaderEpoch (bytes 0-7 and 12-15 of a batch).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import { PartitionLog } from '../../broker/log/partition-log.ts';
import { resolveLogConfig } from '../../broker/log/log-config.ts';
import { makeBatch, splitBatches, tempDir } from '../log/make-batch.ts';
import { startBroker, removeDir, tempDataDir } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';
import { Prng, frameSeed } from './fuzz/prng.ts';
import { TORN_TAIL_CASES, runSeed } from './scale.ts';

const NOW = 1_700_000_000_000n;
const UNPROTECTED = new Set([0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15]);

function open(dir: string, clean = false): PartitionLog {
  const config = resolveLogConfig(
    new Map([
      ['segment.bytes', '16384'],
      ['index.interval.bytes', '512'],
    ]),
  );
  return PartitionLog.open(dir, config, { clean, nowMs: NOW, logger: { info: () => {}, warn: () => {} } });
}

const segmentFiles = (dir: string, ext: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(dir, f));

interface Damage {
  /** The lowest damaged byte of the active segment, or its size when only indexes were hit. */
  firstDamaged: number;
  what: string;
}

/** Damages a killed log's files; `layout` is the active segment's batches (start, end). */
function damage(rng: Prng, dir: string, layout: { start: number; end: number }[]): Damage {
  const active = segmentFiles(dir, '.log').at(-1) as string;
  const size = fs.statSync(active).size;
  const kind = rng.pick(['cut', 'flip', 'cut+flip', 'indexes']);
  let firstDamaged = size;
  const what: string[] = [];
  if (kind === 'flip' || kind === 'cut+flip') {
    const bytes = fs.readFileSync(active);
    const from = Math.floor(size * (0.5 + rng.next() / 2));
    for (let n = 1 + rng.int(4); n > 0; n--) {
      const at = from + rng.int(size - from);
      const batch = layout.find((b) => at >= b.start && at < b.end);
      if (!batch || UNPROTECTED.has(at - batch.start)) continue;
      bytes[at] = (bytes[at] as number) ^ (1 + rng.int(255));
      firstDamaged = Math.min(firstDamaged, at);
      what.push(`flip@${at}`);
    }
    fs.writeFileSync(active, bytes);
  }
  if (kind === 'cut' || kind === 'cut+flip') {
    const at = rng.int(size + 1);
    fs.truncateSync(active, at);
    firstDamaged = Math.min(firstDamaged, at);
    what.push(`cut@${at}`);
  }
  // Indexes are rebuilt on an unclean start whatever they hold; an older segment's cut index is only sparser.
  for (const index of [...segmentFiles(dir, '.index').slice(-1), ...segmentFiles(dir, '.timeindex').slice(-1)]) {
    if (kind !== 'indexes' && !rng.chance(0.3)) continue;
    const length = fs.statSync(index).size;
    fs.writeFileSync(index, rng.chance(0.5) ? rng.bytes(length) : Buffer.alloc(0));
    what.push(`garbage ${path.basename(index)}`);
  }
  const older = segmentFiles(dir, '.index').slice(0, -1);
  if (older.length > 0 && rng.chance(0.5)) {
    const index = rng.pick(older);
    fs.truncateSync(index, Math.floor(fs.statSync(index).size / 8 / 2) * 8);
    what.push(`cut ${path.basename(index)}`);
  }
  return { firstDamaged, what: `${kind}: ${what.join(', ') || 'no byte hit'} (active segment ${size} bytes)` };
}

test(`${TORN_TAIL_CASES} random torn tails and flipped bytes: recovery keeps exactly the undamaged prefix`, () => {
  const seed = runSeed();
  for (let c = 0; c < TORN_TAIL_CASES; c++) {
    const rng = new Prng(frameSeed(seed, c));
    const dir = tempDir();
    try {
      const log = open(dir);
      let n = 0;
      for (let b = 20 + rng.int(150); b > 0; b--) {
        const records = Array.from({ length: 1 + rng.int(6) }, () => ({ key: `k${n}`, value: `v${n++}-${'x'.repeat(rng.int(300))}` }));
        log.append(makeBatch(records), NOW);
      }
      const written = splitBatches(log.read(0n, 1 << 30));
      // No close(): the files are what a kill -9 leaves behind.
      const active = segmentFiles(dir, '.log').at(-1) as string;
      const activeBase = BigInt(path.basename(active, '.log'));
      const inActive = written.filter((b) => b.baseOffset >= activeBase);
      let pos = 0;
      const layout = inActive.map((b) => ({ start: pos, end: (pos += b.bytes.length) }));
      const { firstDamaged, what } = damage(rng, dir, layout);
      const about = `case ${c} (seed ${seed}; replay with KAYAK_FUZZ_SEED=${seed}): ${what}`;

      const older = written.filter((b) => b.baseOffset < activeBase);
      const intact = inActive.filter((_, i) => (layout[i] as { end: number }).end <= firstDamaged);
      const survivors = [...older, ...intact];
      const last = intact.at(-1);
      // With nothing left in it, the active segment still starts at the offset in its name.
      const expectedLeo = last ? last.baseOffset + BigInt(last.count) : activeBase;
      const again = open(dir);
      assert.equal(again.logEndOffset, expectedLeo, `log end offset, ${about}`);
      assert.ok(Buffer.concat(survivors.map((b) => b.bytes)).equals(again.read(0n, 1 << 30)), `the surviving batches are served byte for byte, ${about}`);
      assert.equal(again.append(makeBatch([{ value: 'after' }]), NOW).baseOffset, expectedLeo, `the next write's offset, ${about}`);
      again.close();
      const clean = open(dir, true);
      assert.equal(clean.logEndOffset, expectedLeo + 1n, `after a clean restart, ${about}`);
      clean.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a killed broker with a torn, bit-flipped segment restarts, serves the intact prefix and takes new writes', { timeout: 120_000 }, async () => {
  const { Kafka, logLevel } = kafkajs;
  const dataDir = tempDataDir();
  let broker = await startBroker({ dataDir });
  const rng = new Prng(frameSeed(runSeed(), 1_000_000));
  try {
    let produced = 0;
    for (let round = 0; round < 3; round++) {
      const kafka = new Kafka({ clientId: 'torn', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      for (let i = 0; i < 30; i++) {
        await producer.send({ topic: 'torn', acks: -1, messages: Array.from({ length: 5 }, () => ({ value: `t${produced++}-${'y'.repeat(rng.int(400))}` })) });
      }
      await producer.disconnect();
      const before = await readPartition(broker.bootstrap, 'torn', 0, 0n, 1_000_000);
      await broker.kill9();

      const partitionDir = path.join(dataDir, 'torn-0');
      const active = segmentFiles(partitionDir, '.log').at(-1) as string;
      const bytes = fs.readFileSync(active);
      const layout = splitBatches(bytes);
      const cutBatch = layout[Math.floor(layout.length / 2) + rng.int(Math.ceil(layout.length / 2))] as (typeof layout)[number];
      const cutAt = layout.slice(0, layout.indexOf(cutBatch)).reduce((n, b) => n + b.bytes.length, 0);
      // Flip one CRC-protected byte in that batch, then cut the file somewhere after it.
      const flipAt = cutAt + 30 + rng.int(cutBatch.bytes.length - 30);
      bytes[flipAt] = (bytes[flipAt] as number) ^ 0x5a;
      fs.writeFileSync(active, bytes.subarray(0, cutAt + cutBatch.bytes.length + rng.int(bytes.length - cutAt - cutBatch.bytes.length + 1)));

      broker = await startBroker({ dataDir });
      assert.match(broker.output(), /truncated \d+ invalid trailing bytes/);
      const after = await readPartition(broker.bootstrap, 'torn', 0, 0n, 1_000_000);
      const kept = Number(cutBatch.baseOffset);
      assert.equal(after.length, kept, `round ${round}: everything before the damaged batch at ${kept} survives, nothing after`);
      after.forEach((m, i) => assert.equal(m.value?.toString(), before[i]?.value?.toString(), `round ${round} offset ${i}`));
      const producer2 = new Kafka({ clientId: 'torn', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).producer();
      await producer2.connect();
      const [meta] = await producer2.send({ topic: 'torn', acks: -1, messages: [{ value: `after-${round}` }] });
      await producer2.disconnect();
      assert.equal(meta?.baseOffset, String(kept), `round ${round}: the next write lands right after the intact prefix`);
      produced = kept + 1;
    }
  } finally {
    await broker.stop();
    removeDir(dataDir);
  }
});
