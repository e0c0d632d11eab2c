/** A minimal Kafka protocol client over the generated codecs, for requests real clients won't send. */
import net from 'node:net';
import { Reader } from '../../broker/protocol/reader.ts';
import { Writer } from '../../broker/protocol/writer.ts';
import { isFlexible } from '../../broker/protocol/frame.ts';
import { encodeRequestHeader } from '../../broker/protocol/messages/request-header.ts';

/** One size-prefixed request frame, for clients that write many requests without a RawClient. */
export function encodeRequestFrame<Req>(
  apiKey: number,
  version: number,
  encode: (w: Writer, v: number, m: Req) => void,
  message: Req,
  correlationId: number,
): Buffer {
  const w = new Writer();
  encodeRequestHeader(w, isFlexible(apiKey, version) ? 2 : 1, { requestApiKey: apiKey, requestApiVersion: version, correlationId, clientId: 'raw-test' });
  encode(w, version, message);
  const body = w.toBuffer();
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

export class RawClient {
  private correlationId = 0;
  private buffered = Buffer.alloc(0);
  private waiting: ((frame: Buffer) => void)[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d) => {
      this.buffered = Buffer.concat([this.buffered, d]);
      while (this.buffered.length >= 4 && this.buffered.length >= 4 + this.buffered.readInt32BE(0)) {
        const size = this.buffered.readInt32BE(0);
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.waiting.shift()?.(frame);
      }
    });
  }

  static connect(port: number, localAddress?: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes a request frame and returns its correlation id. */
  send<Req>(apiKey: number, version: number, encode: (w: Writer, v: number, m: Req) => void, message: Req): number {
    const correlationId = ++this.correlationId;
    this.socket.write(encodeRequestFrame(apiKey, version, encode, message, correlationId));
    return correlationId;
  }

  async request<Req, Res>(
    apiKey: number,
    version: number,
    encode: (w: Writer, v: number, m: Req) => void,
    message: Req,
    decode: (r: Reader, v: number) => Res,
  ): Promise<Res> {
    const flexible = isFlexible(apiKey, version);
    const reply = new Promise<Buffer>((resolve) => this.waiting.push(resolve));
    const correlationId = this.send(apiKey, version, encode, message);
    const frame = await reply;
    const r = new Reader(frame);
    if (r.int32() !== correlationId) throw new Error('correlation id mismatch');
    if (flexible && apiKey !== 18) r.taggedFields(() => {});
    return decode(r, version);
  }

  /** Resolves when the broker (or anyone) closes the connection. */
  get closed(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed || this.socket.readableEnded) resolve();
      else this.socket.once('close', () => resolve());
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
