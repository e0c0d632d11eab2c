/**
 * The registry's durable store: a compacted, single-partition `_schemas` topic in the broker's
 * own log, as Confluent's registry keeps its state in Kafka. Writes are in-process appends of
 * ordinary record batches followed by an fsync (what acks=-1 waits for), and are applied to the
 * in-memory state by reading them back, exactly as a restart replays them. Reading from the log
 * before every request also picks up records other clients produced to the topic, and a topic
 * that was deleted and recreated is replayed from scratch.
 */
import { gunzipSync } from 'node:zlib';
import type { LogManager } from '../log/log-manager.ts';
import type { PartitionLog } from '../log/partition-log.ts';
import { buildBatch } from '../log/batch-builder.ts';
import { HEADER_SIZE, LOG_OVERHEAD, Off, compressionOf, isControl } from '../log/record-batch.ts';
import { forEachKeyValue } from '../log/records.ts';
import { decodeRecord, encodeKey, encodeValue, type RegistryRecord } from './schema-records.ts';
import { RegistryState } from './registry-state.ts';
import { storeError } from './errors.ts';

const READ_BYTES = 1 << 20;
const GZIP = 1;

export class SchemasTopic {
  state = new RegistryState();
  private partition: PartitionLog | undefined;
  /** Next offset to apply. */
  private position = 0n;
  private warnedCodec = false;

  constructor(
    private readonly logs: LogManager,
    readonly topic: string,
    private readonly log: (line: string) => void,
    /** Wakes fetchers waiting on the topic, as a produced batch would. */
    private readonly notify: () => void = () => undefined,
  ) {}

  /** Creates the topic (one partition, cleanup.policy=compact) if needed, then replays it. */
  open(): void {
    this.ensureTopic();
    this.catchUp();
  }

  private ensureTopic(): PartitionLog {
    if (this.logs.topic(this.topic) === undefined) this.logs.createTopic(this.topic, 1, new Map([['cleanup.policy', 'compact']]));
    const partition = this.logs.partition(this.topic, 0);
    if (partition === undefined) throw storeError(`topic ${this.topic} has no partition 0`);
    return partition;
  }

  /** Applies every record appended since the last call (all of them after a topic change). */
  catchUp(): RegistryState {
    const partition = this.logs.partition(this.topic, 0);
    if (partition !== this.partition) {
      this.partition = partition;
      this.state = new RegistryState();
      this.position = partition?.logStartOffset ?? 0n;
    }
    if (partition === undefined) return this.state;
    if (this.position < partition.logStartOffset) {
      // DeleteRecords moved the start past what was applied: the state no longer matches the log.
      this.state = new RegistryState();
      this.position = partition.logStartOffset;
    }
    while (this.position < partition.highWatermark) {
      const data = partition.read(this.position, READ_BYTES);
      if (data.length === 0) break;
      this.applyBatches(data);
    }
    return this.state;
  }

  private applyBatches(data: Buffer): void {
    for (let pos = 0; pos + HEADER_SIZE <= data.length;) {
      const size = LOG_OVERHEAD + data.readInt32BE(pos + Off.batchLength);
      if (size < HEADER_SIZE || pos + size > data.length) break;
      const header = data.subarray(pos, pos + HEADER_SIZE);
      const next = data.readBigInt64BE(pos + Off.baseOffset) + BigInt(data.readInt32BE(pos + Off.lastOffsetDelta)) + 1n;
      const attributes = data.readInt16BE(pos + Off.attributes);
      if (!isControl(attributes)) {
        const codec = compressionOf(attributes);
        let body: Buffer | null = data.subarray(pos + HEADER_SIZE, pos + size);
        if (codec === GZIP) body = this.gunzip(body);
        else if (codec !== 0) {
          body = null;
          if (!this.warnedCodec)
            this.log(`schema registry: skipping ${this.topic} batches compressed with codec ${codec} (only uncompressed and gzip are read)`);
          this.warnedCodec = true;
        }
        if (body !== null) this.applyRecords(header, body);
      }
      if (next > this.position) this.position = next;
      pos += size;
    }
  }

  private gunzip(body: Buffer): Buffer | null {
    try {
      return gunzipSync(body);
    } catch (err) {
      this.log(`schema registry: skipping a ${this.topic} batch that does not gunzip: ${(err as Error).message}`);
      return null;
    }
  }

  /** A batch of records another client wrote badly is skipped, never fatal. */
  private applyRecords(header: Buffer, body: Buffer): void {
    try {
      forEachKeyValue(header, body, (r) => {
        if (r.offset < this.position) return;
        const record = decodeRecord(r.key, r.value);
        if (record !== null) this.state.apply(record);
      });
    } catch (err) {
      this.log(`schema registry: skipping a malformed ${this.topic} batch: ${(err as Error).message}`);
    }
  }

  /**
   * Appends records as one batch, fsyncs it and applies it. Throws a 50001 RegistryError if the
   * log refuses the write; nothing is applied then.
   */
  write(records: readonly RegistryRecord[]): RegistryState {
    const partition = this.ensureTopic();
    this.catchUp();
    const now = BigInt(Date.now());
    const batch = buildBatch(
      records.map((r) => ({ key: encodeKey(r), value: encodeValue(r) })),
      { baseTimestamp: now },
    );
    try {
      partition.append(batch, now);
      partition.flush(now);
    } catch (err) {
      throw storeError((err as Error).message);
    }
    this.notify();
    return this.catchUp();
  }
}
