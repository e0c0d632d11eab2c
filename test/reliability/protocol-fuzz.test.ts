/**
 * Protocol fuzzing of every API the broker advertises, with well-behaved kafkajs clients
 * alongside. Mutated frames (see fuzz/mutate.ts) go over a few connections to a PLAINTEXT
 * listener, and a tenth of them, built from the APIs a SASL listener serves before login
 * (ApiVersions, SaslHandshake, SaslAuthenticate), to a SASL_PLAINTEXT listener. The broker must
 * never exit, never log an internal error, answer or close every frame within a bound, keep
 * its memory bounded, keep the witness clients' records intact, and restart cleanly with all
 * of them. `npm test` sends FUZZ_FRAMES (20,000); `npm run soak` a million. A failure prints
 * the run seed: KAYAK_FUZZ_SEED=<seed> replays the same frames.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, removeDir } from '../helpers/broker-process.ts';
import { readPartition } from '../helpers/kafkajs-reader.ts';
import { FUZZ_FRAMES, runSeed, timeoutFor } from './scale.ts';
import { buildSeeds } from './fuzz/seed-frames.ts';
import { mergeStats, runFuzz } from './fuzz/fuzz-run.ts';
import { advertisedApis, createTopic } from './fuzz-targets.ts';
import { rssMiB, watchRss } from './process-stats.ts';
import { byPosition, startWitness } from './witness.ts';

/** Group timeouts short enough that JoinGroup seeds are answered quickly; 70 s sample timeouts are refused. */
const CONFIG = {
  'group.initial.rebalance.delay.ms': '100',
  'group.min.session.timeout.ms': '1000',
  'group.max.session.timeout.ms': '10000',
  'num.partitions': '2',
};
const CONNECTIONS = 8;
const SASL_CONNECTIONS = 2;
/** The APIs a SASL listener answers before authentication. */
const BEFORE_LOGIN = new Set([17, 18, 36]);
const BOUND_MS = 5000;
/** The broker's resident memory may not pass this, whatever the frames asked for. */
const RSS_LIMIT_MIB = 1024;

test(
  `${FUZZ_FRAMES} mutated frames over every advertised API: no crash, no internal error, no hang, witness intact`,
  { timeout: timeoutFor(FUZZ_FRAMES, 20) },
  async (t) => {
    const seed = runSeed();
    const about = `(run seed ${seed}; replay with KAYAK_FUZZ_SEED=${seed})`;
    t.diagnostic(`fuzz run seed ${seed}`);
    let internalErrors = 0;
    const broker = await startBroker({
      config: CONFIG,
      args: ['--listeners', 'PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0', '--sasl-users', 'fuzz:fuzz-secret', '--sasl-mechanisms', 'PLAIN'],
      outputLimit: 200_000,
      onOutput: (chunk) => void (internalErrors += chunk.split('internal error').length - 1),
    });
    try {
      const saslPort = broker.ports.SASL_PLAINTEXT as number;
      const apis = await advertisedApis(broker.port);
      const saslApis = await advertisedApis(saslPort);
      const targets = {
        topic: 'fuzz-target',
        topicId: await createTopic(broker.port, 'fuzz-target', 2),
        group: 'fuzz-group',
        saslUser: 'fuzz',
        saslPassword: 'fuzz-secret',
      };
      const seeds = await buildSeeds(apis, targets);
      const saslSeeds = await buildSeeds(saslApis, targets, (key) => BEFORE_LOGIN.has(key));
      const witness = await startWitness(broker.bootstrap);
      const rssBefore = rssMiB(broker.pid);
      const rss = watchRss(broker.pid);
      const common = { boundMs: BOUND_MS, internalErrors: () => internalErrors, brokerRunning: broker.running };
      const saslFrames = Math.round(FUZZ_FRAMES / 10);
      const [plain, sasl] = await Promise.all([
        runFuzz({ ...common, port: broker.port, seeds, frames: FUZZ_FRAMES - saslFrames, connections: CONNECTIONS, runSeed: seed }),
        runFuzz({ ...common, port: saslPort, seeds: saslSeeds, frames: saslFrames, connections: SASL_CONNECTIONS, runSeed: seed ^ 0x5a5a5a5a }),
      ]);
      const stats = mergeStats(plain, sasl);
      rss.stop();
      const rssAfter = rssMiB(broker.pid);
      const rate = Math.round((stats.sent / stats.elapsedMs) * 1000);
      t.diagnostic(
        `${apis.length} APIs, ${seeds.length} + ${saslSeeds.length} (SASL) seeds; sent ${stats.sent} frames in ${stats.elapsedMs} ms (${rate} frames/s): ${JSON.stringify(stats.outcomes)}, ${stats.explainedWaits} requested waits, ${stats.heldBack} held back, ${stats.reconnects} reconnects`,
      );
      const seen = await witness.stop();
      t.diagnostic(
        `broker RSS ${rssBefore} MiB before, ${rssAfter} MiB after, ${rss.peak()} MiB peak; the witness consumed ${seen.consumed.length} of ${seen.acked.length} acked records`,
      );

      assert.ok(broker.running(), `the broker exited ${about}:\n${broker.output().slice(-5000)}`);
      assert.deepEqual(stats.failures, [], `fuzz failures ${about}`);
      assert.equal(
        internalErrors,
        0,
        `internal errors ${about}:\n${broker
          .output()
          .split('\n')
          .filter((l) => l.includes('internal error'))
          .slice(0, 5)
          .join('\n')}`,
      );
      assert.ok(stats.sent + stats.heldBack >= FUZZ_FRAMES, `only ${stats.sent} of ${FUZZ_FRAMES} frames were sent ${about}`);
      assert.ok(rss.peak() < RSS_LIMIT_MIB, `broker RSS peaked at ${rss.peak()} MiB ${about}`);

      assert.deepEqual(seen.errors, [], 'the witness clients saw no error');
      assert.ok(seen.acked.length > 0, 'the witness produced records');
      assert.deepEqual(byPosition(seen.consumed), byPosition(seen.acked), 'the witness consumer saw every acked record, exactly as produced');

      assert.equal(await broker.stop(), 0, 'the broker stops cleanly after the run');
      const again = await startBroker({ dataDir: broker.dataDir });
      try {
        for (const partition of [0, 1]) {
          const acked = byPosition(seen.acked).filter((r) => r.partition === partition);
          const stored = await readPartition(again.bootstrap, witness.topic, partition, 0n, acked.length + 10);
          const restored = stored.map((m) => ({
            partition,
            offset: m.offset,
            key: m.key?.toString() ?? '',
            value: m.value?.toString() ?? '',
            header: m.headers.n?.toString() ?? '',
          }));
          assert.deepEqual(restored, acked, `partition ${partition} after restart`);
        }
      } finally {
        await again.stop();
      }
    } finally {
      await broker.stop();
      removeDir(broker.dataDir);
    }
  },
);
