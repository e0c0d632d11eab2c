/**
 * How big the reliability runs are. `npm test` runs the bounded sizes; `npm run soak` sets
 * KAYAK_SOAK=1 and the same tests run the long sizes. Single values can be overridden with
 * KAYAK_FUZZ_FRAMES, KAYAK_KILL_ROUNDS and KAYAK_FUZZ_SEED to reproduce or stretch a run.
 */
export const SOAK = process.env.KAYAK_SOAK === '1';

function count(name: string, bounded: number, soak: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return SOAK ? soak : bounded;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export const FUZZ_FRAMES = count('KAYAK_FUZZ_FRAMES', 20_000, 1_000_000);
export const KILL_ROUNDS = count('KAYAK_KILL_ROUNDS', 5, 50);
export const TORN_TAIL_CASES = count('KAYAK_TORN_TAIL_CASES', 12, 200);

/** The run's seed: given (to replay a failure) or drawn now and printed with every failure. */
export function runSeed(): number {
  const raw = process.env.KAYAK_FUZZ_SEED;
  if (raw !== undefined && raw !== '') return Number(raw) >>> 0;
  return (Math.random() * 2 ** 32) >>> 0;
}

/** Node's test timeout for a test whose work grows with `units` (never a timing assertion). */
export function timeoutFor(units: number, msPerUnit: number, base = 60_000): number {
  return base + units * msPerUnit;
}
