/**
 * A TCP proxy in front of the real bundled broker that answers ApiVersions without some API keys,
 * so the console meets a cluster that, like Kafka before 3.0, has no transaction admin APIs.
 * Every other byte passes through unchanged.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

const API_VERSIONS = 18;

function readUvarint(b: Buffer, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = b[pos++]!;
    value |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value, pos];
    shift += 7;
  }
}

function uvarint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** Drops `hidden` keys from an ApiVersions response body (after the correlation id). */
function filterApis(body: Buffer, version: number, hidden: Set<number>): Buffer {
  const flexible = version >= 3;
  let pos = 2; // error code
  let count: number;
  if (flexible) {
    [count, pos] = readUvarint(body, pos);
    count -= 1;
  } else {
    count = body.readInt32BE(pos);
    pos += 4;
  }
  const kept: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const start = pos;
    const key = body.readInt16BE(pos);
    pos += 6;
    if (flexible) {
      let tags: number;
      [tags, pos] = readUvarint(body, pos);
      for (let t = 0; t < tags; t++) {
        let size: number;
        [, pos] = readUvarint(body, pos);
        [size, pos] = readUvarint(body, pos);
        pos += size;
      }
    }
    if (!hidden.has(key)) kept.push(body.subarray(start, pos));
  }
  const n = flexible ? uvarint(kept.length + 1) : Buffer.alloc(4);
  if (!flexible) n.writeInt32BE(kept.length);
  return Buffer.concat([body.subarray(0, 2), n, ...kept, body.subarray(pos)]);
}

/** Splits a byte stream into size-prefixed frames. */
function frames(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
      const size = buf.readInt32BE(0);
      onFrame(buf.subarray(4, 4 + size));
      buf = buf.subarray(4 + size);
    }
  };
}

export async function startOlderClusterProxy(target: { host: string; port: number }, hidden: number[]): Promise<{ port: number; close: () => Promise<void> }> {
  const hide = new Set(hidden);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target);
    sockets.add(client).add(upstream);
    const apiVersionsAsked = new Map<number, number>(); // correlation id → version
    client.on('data', (chunk) => upstream.write(chunk));
    const onRequest = frames((f) => {
      if (f.readInt16BE(0) === API_VERSIONS) apiVersionsAsked.set(f.readInt32BE(4), f.readInt16BE(2));
    });
    client.on('data', onRequest);
    upstream.on(
      'data',
      frames((f) => {
        const correlationId = f.readInt32BE(0);
        const version = apiVersionsAsked.get(correlationId);
        let body = f.subarray(4);
        if (version !== undefined) {
          apiVersionsAsked.delete(correlationId);
          body = filterApis(body, version, hide);
        }
        const head = Buffer.alloc(8);
        head.writeInt32BE(4 + body.length, 0);
        head.writeInt32BE(correlationId, 4);
        client.write(Buffer.concat([head, body]));
      }),
    );
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
