/**
 * TCP front end: splits the byte stream into size-prefixed frames (never allocating past
 * `socket.request.max.bytes`, or `sasl.server.max.receive.size` before SASL login), runs one
 * request at a time per connection as Kafka does (the connection is "muted" until its reply is
 * written and drained), and writes replies in order. It also enforces the connection limits
 * (`max.connections`, `max.connections.per.ip`) and `connections.max.idle.ms`.
 * A frame that cannot be parsed closes only its own connection.
 */
import net from 'node:net';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Broker } from './broker.ts';
import { dispatch } from './dispatch.ts';
import { ConnectionSession } from './session.ts';
import { FrameBuffer } from './frame-buffer.ts';
import { usesSasl, usesTls, type SecurityProtocol } from './listeners.ts';
import type { ConnectionQuotas } from './connection-quotas.ts';

/** Per-connection limits, read from the broker config when the listener starts. */
export interface ConnectionLimits {
  maxRequestBytes: number;
  /** Largest frame accepted before SASL authentication (sasl.server.max.receive.size). */
  saslMaxReceiveBytes: number;
  /** connections.max.idle.ms; 0 or less disables the idle check. */
  idleMs: number;
  /** connection.failed.authentication.delay.ms */
  failedAuthDelayMs: number;
}

export interface ServerOptions {
  protocol: SecurityProtocol;
  host: string;
  port: number;
  /** Host announced to clients of this listener. */
  advertisedHost: string;
  limits: ConnectionLimits;
  quotas: ConnectionQuotas;
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
      if (socket.destroyed) return;
      const listener = { protocol: options.protocol, advertisedHost: options.advertisedHost, port: this.boundPort };
      const session = new ConnectionSession(listener, usesSasl(options.protocol));
      const connection = new Connection(socket, broker, options.limits, session);
      this.connections.add(connection);
      socket.once('close', () => this.connections.delete(connection));
    };
    // Connection limits count TCP connections as they are accepted, before any TLS handshake
    // (as Kafka's acceptor does), so a flood of never-finished handshakes is bounded too.
    const count = (raw: net.Socket): void => {
      const address = raw.remoteAddress ?? '';
      const refused = options.quotas.acquire(address);
      if (refused !== null) {
        broker.log(`refusing connection from ${address}: ${refused}`);
        raw.destroy();
        return;
      }
      raw.once('close', () => options.quotas.release(address));
    };
    if (usesTls(options.protocol)) {
      if (!options.tls) throw new Error(`${options.protocol} listener needs --tls-cert and --tls-key`);
      this.server = tls.createServer({ ...options.tls }, accept);
      // A client that fails the TLS handshake never becomes a connection; just drop it.
      this.server.on('tlsClientError', (_err, socket) => socket.destroy());
    } else {
      this.server = net.createServer({ noDelay: true }, accept);
    }
    // Runs before the server's own listener (which starts the TLS handshake or calls accept).
    this.server.prependListener('connection', count);
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

/** Stop reading a connection holding this many bytes of received, unprocessed requests. */
const READ_HIGH_WATER = 1024 * 1024;

class Connection {
  private readonly input = new FrameBuffer();
  /** A request is being handled or its reply is being written: later frames wait (Kafka's mute). */
  private busy = false;
  /** The last reply is still in the socket's buffer, not yet handed to the kernel. */
  private awaitingDrain = false;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly socket: net.Socket,
    private readonly broker: Broker,
    private readonly limits: ConnectionLimits,
    private readonly session: ConnectionSession,
  ) {
    socket.setNoDelay(true);
    // connections.max.idle.ms: any read or write counts as activity, as in Kafka's selector.
    if (limits.idleMs > 0) {
      socket.setTimeout(limits.idleMs, () => {
        this.broker.log(`closing ${this.remote()}: idle for connections.max.idle.ms (${limits.idleMs} ms)`);
        this.destroy();
      });
    }
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
    this.input.push(chunk);
    if (!this.checkNextFrame()) return;
    this.updateFlow();
    void this.processFrames();
  }

  /**
   * Refuses the next frame as soon as its size prefix is known: above socket.request.max.bytes,
   * or, before SASL authentication, above sasl.server.max.receive.size, so an unauthenticated
   * client cannot make the broker buffer a large frame.
   */
  private checkNextFrame(): boolean {
    const size = this.input.nextSize();
    if (size === null) return true;
    const authenticated = this.session.authenticated;
    const limit = authenticated ? this.limits.maxRequestBytes : this.limits.saslMaxReceiveBytes;
    if (size >= 0 && size <= limit) return true;
    const key = authenticated ? 'socket.request.max.bytes' : 'sasl.server.max.receive.size (not yet authenticated)';
    this.broker.log(`closing ${this.remote()}: frame of ${size} bytes exceeds ${key} ${limit}`);
    this.destroy();
    return false;
  }

  /**
   * Reads only while the last reply has drained and little is buffered: a client that sends
   * requests but never reads its replies then fills its own socket buffers, not broker memory.
   * An incomplete frame is always read to its end (its size was already checked).
   */
  private updateFlow(): void {
    const hold = this.awaitingDrain || (this.input.size >= READ_HIGH_WATER && this.input.hasFrame());
    if (hold && !this.socket.isPaused()) this.socket.pause();
    else if (!hold && this.socket.isPaused()) this.socket.resume();
  }

  private async processFrames(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (!this.closed && this.input.hasFrame()) {
        const frame = this.input.takeFrame();
        this.updateFlow();
        const { reply, close } = await dispatch(this.broker, frame, {
          clientHost: this.socket.remoteAddress ?? '',
          signal: this.abort.signal,
          session: this.session,
        });
        if (close && this.session.loginFailed) await this.delayFailedLogin();
        if (reply !== null && !this.closed && !this.write(reply)) await this.waitForDrain();
        if (close) {
          if (reply === null) this.destroy();
          else this.closeAfterFlush();
          return;
        }
        if (!this.checkNextFrame()) return;
        this.updateFlow();
      }
    } finally {
      this.busy = false;
    }
  }

  /** connection.failed.authentication.delay.ms: slows password guessing; the connection stays muted. */
  private async delayFailedLogin(): Promise<void> {
    if (this.limits.failedAuthDelayMs <= 0) return;
    await sleep(this.limits.failedAuthDelayMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }

  private waitForDrain(): Promise<void> {
    this.awaitingDrain = true;
    this.updateFlow();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        this.awaitingDrain = false;
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** Writes a reply; false when it is still buffered in user space (wait for 'drain'). */
  private write(chunks: Buffer[]): boolean {
    if (chunks.length === 1) return this.socket.write(chunks[0] as Buffer);
    this.socket.cork();
    for (const chunk of chunks) this.socket.write(chunk);
    this.socket.uncork();
    return !this.socket.writableNeedDrain;
  }

  private remote(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }
}
