/**
 * Wakes long-polling Fetch requests when records are appended to a partition they read.
 * Waiters register per partition key ("topic\0partition") and are resolved on the next append.
 */
export class FetchWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  static key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  notify(topic: string, partition: number): void {
    const key = FetchWaiters.key(topic, partition);
    const set = this.waiters.get(key);
    if (set === undefined) return;
    this.waiters.delete(key);
    for (const wake of set) wake();
  }

  /** Resolves on the first append to any of `keys`, after `timeoutMs`, or when `signal` aborts. */
  wait(keys: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted || timeoutMs <= 0) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        for (const key of keys) {
          const set = this.waiters.get(key);
          if (set === undefined) continue;
          set.delete(done);
          if (set.size === 0) this.waiters.delete(key);
        }
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      for (const key of keys) {
        let set = this.waiters.get(key);
        if (set === undefined) {
          set = new Set();
          this.waiters.set(key, set);
        }
        set.add(done);
      }
    });
  }
}
