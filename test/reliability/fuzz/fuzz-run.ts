/**
 * Drives a fuzz run: frame i is always the same mutation of the same seed for a given run
 * seed (see frameSeed), spread over a few connections that reconnect whenever the broker
 * closes one. Frames that stall are failures unless the request itself asks to wait
 * (mayWait); a closed connection that coincides with a new "internal error" in the broker's
 * log is attributed to its frame, so a failure names the bytes that caused it.
 */
import { Prng, frameSeed } from './prng.ts';
import { mutate } from './mutate.ts';
import type { SeedFrame } from './seed-frames.ts';
import { FuzzConnection, type Outcome } from './fuzz-connection.ts';
import { PARTITION_BUDGET, mayWait, partitionsCreated } from './frame-facts.ts';

export interface FuzzOptions {
  port: number;
  seeds: readonly SeedFrame[];
  frames: number;
  connections: number;
  runSeed: number;
  /** How long one frame may go unanswered before it counts as a hang. */
  boundMs: number;
  /** How many "internal error" lines the broker has logged so far. */
  internalErrors: () => number;
  /** False once the broker process has exited. */
  brokerRunning: () => boolean;
  onProgress?: (done: number) => void;
}

export interface FuzzFailure {
  index: number;
  reason: string;
  apiKey: number;
  version: number;
  ops: string[];
  hex: string;
}

export interface FuzzStats {
  sent: number;
  outcomes: Record<Outcome, number>;
  /** Stalls that the request asked for (long polls, group waits), by reason. */
  explainedWaits: number;
  /** Frames held back by PARTITION_BUDGET. */
  heldBack: number;
  reconnects: number;
  failures: FuzzFailure[];
  elapsedMs: number;
  /** Total milliseconds spent waiting on frames of each seed API key: where the time goes. */
  msByApi: Record<number, number>;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzStats> {
  const stats: FuzzStats = {
    sent: 0,
    outcomes: { answered: 0, closed: 0, stalled: 0 },
    explainedWaits: 0,
    heldBack: 0,
    reconnects: 0,
    failures: [],
    elapsedMs: 0,
    msByApi: {},
  };
  const started = Date.now();
  let next = 0;
  const worker = async (id: number): Promise<void> => {
    const conn = new FuzzConnection(o.port, id);
    try {
      while (next < o.frames && o.brokerRunning() && stats.failures.length < 20) {
        const index = next++;
        const rng = new Prng(frameSeed(o.runSeed, index));
        const seed = rng.pick(o.seeds);
        const frame = mutate(rng, seed);
        const body = frame.wire.subarray(4);
        if (partitionsCreated(body) > PARTITION_BUDGET) {
          stats.heldBack++;
          continue;
        }
        const fail = (reason: string): void =>
          void stats.failures.push({
            index,
            reason,
            apiKey: seed.apiKey,
            version: seed.version,
            ops: frame.ops,
            hex: frame.wire.toString('hex').slice(0, 4000),
          });
        const errorsBefore = o.internalErrors();
        let outcome: Outcome;
        const sentAt = Date.now();
        try {
          outcome = await conn.exchange(frame.wire, frame.framing === 'short-then-eof', o.boundMs);
        } catch (err) {
          if (!o.brokerRunning()) break;
          fail(`cannot connect: ${(err as Error).message}`);
          continue;
        }
        stats.sent++;
        stats.msByApi[seed.apiKey] = (stats.msByApi[seed.apiKey] ?? 0) + Date.now() - sentAt;
        stats.outcomes[outcome]++;
        if (outcome === 'stalled') {
          const why = frame.framing === 'complete' ? mayWait(body, o.boundMs) : null;
          if (why === null) fail(`no answer and no close within ${o.boundMs} ms`);
          else stats.explainedWaits++;
        }
        if (outcome !== 'answered' && o.internalErrors() > errorsBefore) fail('the broker logged an internal error');
        o.onProgress?.(stats.sent);
      }
    } finally {
      stats.reconnects += conn.reconnects;
      conn.close();
    }
  };
  await Promise.all(Array.from({ length: o.connections }, (_, i) => worker(i)));
  stats.elapsedMs = Date.now() - started;
  return stats;
}

/** Two runs side by side (two listeners) reported as one. */
export function mergeStats(a: FuzzStats, b: FuzzStats): FuzzStats {
  const msByApi = { ...a.msByApi };
  for (const [k, v] of Object.entries(b.msByApi)) msByApi[Number(k)] = (msByApi[Number(k)] ?? 0) + v;
  return {
    sent: a.sent + b.sent,
    outcomes: {
      answered: a.outcomes.answered + b.outcomes.answered,
      closed: a.outcomes.closed + b.outcomes.closed,
      stalled: a.outcomes.stalled + b.outcomes.stalled,
    },
    explainedWaits: a.explainedWaits + b.explainedWaits,
    heldBack: a.heldBack + b.heldBack,
    reconnects: a.reconnects + b.reconnects,
    failures: [...a.failures, ...b.failures],
    elapsedMs: Math.max(a.elapsedMs, b.elapsedMs),
    msByApi,
  };
}
