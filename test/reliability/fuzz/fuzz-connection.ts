/**
 * One fuzzing connection. After each fuzzed frame it sends an ApiVersions v0 "sentinel":
 * replies come back in request order, so the sentinel's reply proves the fuzzed frame was
 * fully handled even when it needs no reply (Produce acks=0). Each exchange ends one of three
 * ways: answered (the sentinel came back), closed (the broker dropped the connection) or
 * stalled (neither within the bound; the connection is then dropped here).
 */
import net from 'node:net';

export type Outcome = 'answered' | 'closed' | 'stalled';

const SENTINEL_BASE = 0x5e000000;

function sentinelFrame(correlationId: number): Buffer {
  const b = Buffer.alloc(4 + 14);
  b.writeInt32BE(14, 0);
  b.writeInt16BE(18, 4); // ApiVersions
  b.writeInt16BE(0, 6); // v0
  b.writeInt32BE(correlationId, 8);
  b.writeInt16BE(4, 12);
  b.write('fuzz', 14);
  return b;
}

export class FuzzConnection {
  private socket: net.Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private waitingFor = -1;
  private settle: ((o: Outcome) => void) | null = null;
  private sentinels = 0;
  reconnects = 0;

  constructor(
    private readonly port: number,
    private readonly id: number,
  ) {}

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', () => socket.destroy());
        resolve(socket);
      });
      socket.once('error', reject);
      socket.on('data', (d) => this.onData(d));
      socket.on('close', () => {
        if (this.socket !== socket) return; // an old connection this side already dropped
        this.socket = null;
        this.finish('closed');
      });
    });
  }

  private onData(d: Buffer): void {
    this.buffered = this.buffered.length === 0 ? d : Buffer.concat([this.buffered, d]);
    while (this.buffered.length >= 8) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) return;
      const correlationId = this.buffered.readInt32BE(4);
      this.buffered = this.buffered.subarray(4 + size);
      if (correlationId === this.waitingFor) this.finish('answered');
    }
  }

  private finish(outcome: Outcome): void {
    const settle = this.settle;
    this.settle = null;
    settle?.(outcome);
  }

  /** Sends one fuzzed frame (and, unless it half-closes, a sentinel) and waits for the outcome. */
  async exchange(wire: Buffer, halfClose: boolean, boundMs: number): Promise<Outcome> {
    if (this.socket === null) {
      this.socket = await this.connect();
      this.buffered = Buffer.alloc(0);
      this.reconnects++;
    }
    const socket = this.socket;
    this.waitingFor = SENTINEL_BASE + ((this.id * 0x10000 + this.sentinels++) % 0x1000000);
    const outcome = new Promise<Outcome>((resolve) => {
      this.settle = resolve;
    });
    const timer = setTimeout(() => this.finish('stalled'), boundMs);
    if (halfClose) {
      socket.end(wire);
    } else {
      socket.write(Buffer.concat([wire, sentinelFrame(this.waitingFor)]));
    }
    const result = await outcome;
    clearTimeout(timer);
    if (result !== 'answered') {
      socket.destroy();
      if (this.socket === socket) this.socket = null;
    }
    return result;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}
