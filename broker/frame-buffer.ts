/**
 * Bytes received on one connection and not yet taken as frames. Chunks are kept as they
 * arrived; a frame is copied only when it spans chunks.
 */
export class FrameBuffer {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;

  get size(): number {
    return this.bytes;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  /** The size prefix of the next frame, or null while fewer than 4 bytes are here. */
  nextSize(): number | null {
    if (this.bytes < 4) return null;
    const first = this.chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32BE(0);
    return Buffer.concat(this.chunks, 4).readInt32BE(0);
  }

  /** Whether the whole next frame (prefix and body) has arrived. */
  hasFrame(): boolean {
    const size = this.nextSize();
    return size !== null && size >= 0 && this.bytes >= 4 + size;
  }

  /** Removes and returns the next frame's body; call only when hasFrame(). */
  takeFrame(): Buffer {
    const size = this.nextSize() as number;
    return this.take(4 + size).subarray(4);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) {
      this.bytes -= n;
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0] as Buffer;
      const part = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, part);
      filled += part;
      if (part === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(part);
    }
    this.bytes -= n;
    return out;
  }
}
