/**
 * TCP front end: splits the byte stream into size-prefixed frames (never allocating past
 * `socket.request.max.bytes`), runs one request at a time per connection as Kafka does
 * (the connection is "muted" until its reply is written), and writes replies in order.
 * A frame that cannot be parsed closes only its own connection.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Broker } from './broker.ts';
import { dispatch } from './dispatch.ts';
import { ConnectionSession } from './session.ts';
import { usesSasl, usesTls, type SecurityProtocol } from './listeners.ts';

/** Stop reading from a client that has this many bytes of unprocessed requests queued. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

export interface ServerOptions {
  protocol: SecurityProtocol;
  host: string;
  port: number;
  /** Host announced to clients of this listener. */
  advertisedHost: string;
  maxRequestBytes: number;
  /** Certificate and key (PEM) for SSL and SASL_SSL listeners. */
  tls?: tls.TlsOptions;
}

export class KafkaServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private boundPort = 0;

  constructor(
    broker: Broker,
    private readonly options: ServerOptions,
  ) {
    const accept = (socket: net.Socket): void => {
      const listener = { protocol: options.protocol, advertisedHost: options.advertisedHost, port: this.boundPort };
      const session = new ConnectionSession(listener, usesSasl(options.protocol));
      const connection = new Connection(socket, broker, options.maxRequestBytes, session);
      this.connections.add(connection);
      socket.once('close', () => this.connections.delete(connection));
    };
    if (usesTls(options.protocol)) {
      if (!options.tls) throw new Error(`${options.protocol} listener needs --tls-cert and --tls-key`);
      this.server = tls.createServer({ ...options.tls }, accept);
      // A client that fails the TLS handshake never becomes a connection; just drop it.
      this.server.on('tlsClientError', (_err, socket) => socket.destroy());
    } else {
      this.server = net.createServer({ noDelay: true }, accept);
    }
    this.server.maxConnections = 100_000;
  }

  get protocol(): SecurityProtocol {
    return this.options.protocol;
  }

  listen(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: this.options.host, port: this.options.port, backlog: 4096 }, () => {
        this.server.off('error', reject);
        const address = this.server.address() as net.AddressInfo;
        this.boundPort = address.port;
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, then closes every client connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.destroy();
    await closed;
  }
}

class Connection {
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly frames: Buffer[] = [];
  private queuedBytes = 0;
  private busy = false;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly socket: net.Socket,
    private readonly broker: Broker,
    private readonly maxRequestBytes: number,
    private readonly session: ConnectionSession,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.destroy());
    socket.on('close', () => {
      this.closed = true;
      this.abort.abort();
    });
  }

  destroy(): void {
    this.closed = true;
    this.abort.abort();
    this.socket.destroy();
  }

  /** Lets a final reply (a failed login's error) reach the client, then closes. */
  private closeAfterFlush(): void {
    this.closed = true;
    this.abort.abort();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= 4) {
      const size = this.peekSize();
      if (size < 0 || size > this.maxRequestBytes) {
        this.broker.log(`closing ${this.remote()}: frame of ${size} bytes exceeds socket.request.max.bytes`);
        this.destroy();
        return;
      }
      if (this.pendingBytes < 4 + size) break;
      const frame = this.take(4 + size).subarray(4);
      this.frames.push(frame);
      this.queuedBytes += frame.length;
    }
    if (this.queuedBytes > MAX_QUEUED_BYTES) this.socket.pause();
    void this.drain();
  }

  private peekSize(): number {
    const first = this.pending[0] as Buffer;
    if (first.length >= 4) return first.readInt32BE(0);
    return Buffer.concat(this.pending, 4).readInt32BE(0);
  }

  /** Removes `n` bytes from the pending chunks, copying only when a frame spans chunks. */
  private take(n: number): Buffer {
    const first = this.pending[0] as Buffer;
    if (first.length >= n) {
      this.pendingBytes -= n;
      if (first.length === n) this.pending.shift();
      else this.pending[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.pending[0] as Buffer;
      const part = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, part);
      filled += part;
      if (part === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(part);
    }
    this.pendingBytes -= n;
    return out;
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.frames.length > 0 && !this.closed) {
        const frame = this.frames.shift() as Buffer;
        this.queuedBytes -= frame.length;
        if (this.socket.isPaused() && this.queuedBytes <= MAX_QUEUED_BYTES / 2) this.socket.resume();
        const { reply, close } = await dispatch(this.broker, frame, {
          clientHost: this.socket.remoteAddress ?? '',
          signal: this.abort.signal,
          session: this.session,
        });
        if (reply !== null && !this.closed) this.write(reply);
        if (close) {
          if (reply === null) this.destroy();
          else this.closeAfterFlush();
          return;
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private write(chunks: Buffer[]): void {
    if (chunks.length === 1) {
      this.socket.write(chunks[0] as Buffer);
      return;
    }
    this.socket.cork();
    for (const chunk of chunks) this.socket.write(chunk);
    this.socket.uncork();
  }

  private remote(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }
}
