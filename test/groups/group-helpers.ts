/** Shared bits of the consumer-group tests: broker settings that keep rebalances fast, and polling. */

/** Short rebalance delay and a low session-timeout floor, so expiry tests take seconds, not minutes. */
export const FAST_GROUP_CONFIG: Record<string, string> = {
  'group.initial.rebalance.delay.ms': '200',
  'group.min.session.timeout.ms': '1000',
};

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const uniqueName = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
