/** Small tools for the hostile-client tests: broker RSS, raw sockets, and waiting for a close. */
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** Resident set size of a process in bytes, from /proc/<pid>/status (VmRSS is in kB). */
export function rssBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) * 1024;
}

/** The largest RSS seen while sampling every 100 ms for `ms`. */
export async function peakRss(pid: number, ms: number): Promise<number> {
  let peak = rssBytes(pid);
  for (let waited = 0; waited < ms; waited += 100) {
    await sleep(100);
    peak = Math.max(peak, rssBytes(pid));
  }
  return peak;
}

export const MiB = 1024 * 1024;

/** A plain TCP connection to the broker; `localAddress` picks the client IP (any 127.x works on Linux). */
export function connect(port: number, localAddress?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Resolves true once the peer closes the socket, false if it is still open after `withinMs`.
 * The bound only keeps a failing test from hanging; a passing one resolves at the close.
 */
export function closedWithin(socket: net.Socket, withinMs: number): Promise<boolean> {
  socket.on('error', () => undefined);
  socket.resume(); // read (and drop) anything, so an end from the peer is seen
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readableEnded) return resolve(true);
    const timer = setTimeout(() => resolve(false), withinMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('end', done);
    socket.once('close', done);
  });
}
