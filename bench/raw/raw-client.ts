/**
 * Pipelining client for raw-server.ts: sends `count` frames of the bench's 100-byte records,
 * keeping at most `window` unacknowledged, and waits for every ack. Prints JSON
 * {records, acks, ms}. Usage: raw-client.ts <port> <count> [window].
 */
import net from 'node:net';
import { RECORD_BYTES, recordValue } from '../lib/payload.ts';

const port = Number(process.argv[2]);
const count = Number(process.argv[3]);
const window = Number(process.argv[4] ?? 10_000);
const FRAMES_PER_WRITE = 1000;
const frameSize = 4 + RECORD_BYTES;

// One pre-built chunk of frames, re-sent: the server sees the same bytes every system gets.
const chunk = Buffer.allocUnsafe(FRAMES_PER_WRITE * frameSize);
for (let i = 0; i < FRAMES_PER_WRITE; i++) {
  chunk.writeInt32BE(RECORD_BYTES, i * frameSize);
  recordValue(i).copy(chunk, i * frameSize + 4);
}

const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
let sent = 0;
let acked = 0;
let ackBytes = 0;
const t0 = performance.now();

function pump(): void {
  while (sent < count && sent - acked < window) {
    const n = Math.min(FRAMES_PER_WRITE, count - sent);
    socket.write(n === FRAMES_PER_WRITE ? chunk : chunk.subarray(0, n * frameSize));
    sent += n;
  }
}

socket.on('connect', pump);
socket.on('data', (d: Buffer) => {
  ackBytes += d.length;
  acked = Math.floor(ackBytes / 4);
  if (acked >= count) {
    console.log(JSON.stringify({ records: count, acks: acked, ms: performance.now() - t0 }));
    socket.end();
    return;
  }
  pump();
});
socket.on('error', (e) => {
  console.error(e.message);
  process.exit(1);
});
