/** Resident memory of a process from /proc (Linux), sampled to find its peak during a run. */
import { readFileSync } from 'node:fs';

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** Samples RSS every `everyMs` until stopped; reports the peak seen. */
export function watchRss(pid: number, everyMs = 500): { peak: () => number; stop: () => void } {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The process is gone; the test notices that on its own.
    }
  }, everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
