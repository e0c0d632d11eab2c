/**
 * Hands out producer ids that are never reused, even after kill -9. Like Kafka's controller,
 * ids are reserved in blocks of 1000: the end of the current block is written (fsynced, atomic
 * rename) before any id from it is given out, and a restart continues after the reserved block.
 * A crash therefore skips the unused rest of a block, never repeats an id.
 */
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../log/fs-util.ts';

export const PRODUCER_ID_BLOCK_FILE = 'producer-id-block';
const BLOCK_SIZE = 1000n;

export class ProducerIdManager {
  private next: bigint;
  private blockEnd: bigint;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PRODUCER_ID_BLOCK_FILE);
    // Format: a version line ("0"), then the first id not yet reserved.
    const line = readFileIfExists(this.file)?.split('\n')[1]?.trim() ?? '';
    const reserved = /^\d+$/.test(line) ? BigInt(line) : 0n;
    this.next = reserved;
    this.blockEnd = reserved;
  }

  generate(): bigint {
    if (this.next >= this.blockEnd) {
      const end = this.next + BLOCK_SIZE;
      writeFileAtomic(this.file, `0\n${end}\n`);
      this.blockEnd = end;
    }
    return this.next++;
  }
}
