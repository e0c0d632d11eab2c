/**
 * The "raw limit" reference: the least a Node log server must do. Accepts length-prefixed
 * frames over TCP, appends them (prefix included) to one file with a synchronous write (page
 * cache, no fsync — the broker's default), and acks every frame with its 4-byte sequence
 * number. No protocol, no CRC, no index. Usage: raw-server.ts <file>; prints "listening <port>".
 */
import fs from 'node:fs';
import net from 'node:net';

const file = process.argv[2];
if (!file) throw new Error('usage: raw-server.ts <file>');
const fd = fs.openSync(file, 'w');
let position = 0;

const server = net.createServer({ noDelay: true }, (socket) => {
  let pending: Buffer = Buffer.alloc(0);
  let seq = 0;
  socket.on('data', (chunk: Buffer) => {
    const buf = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let end = 0;
    let frames = 0;
    while (end + 4 <= buf.length) {
      const size = buf.readInt32BE(end);
      if (end + 4 + size > buf.length) break;
      end += 4 + size;
      frames++;
    }
    if (end > 0) {
      let written = 0;
      while (written < end) written += fs.writeSync(fd, buf, written, end - written, position + written);
      position += end;
      const acks = Buffer.allocUnsafe(frames * 4);
      for (let i = 0; i < frames; i++) acks.writeInt32BE(seq++, i * 4);
      socket.write(acks);
    }
    pending = end === buf.length ? Buffer.alloc(0) : buf.subarray(end);
  });
  socket.on('error', () => socket.destroy());
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as net.AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  fs.closeSync(fd);
  process.exit(0);
});
