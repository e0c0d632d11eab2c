/**
 * Owns the data directory: meta.properties (cluster id), topic metadata, one PartitionLog per
 * partition directory `<data-dir>/<topic>-<partition>/`, and the clean-shutdown marker.
 *
 * Crash safety: the marker is removed before anything is loaded and written only after every
 * log is flushed and closed, so any crash in between makes the next start unclean (tails are
 * re-validated). Topic metadata files are the commit point of create/delete/grow operations.
 * Topics with many partitions are created, grown and deleted in slices (see SLICE_PARTITIONS).
 *
 * Over 400 lines because topic lifecycle and config changes share the topic map, the partition
 * logs and their commit points; splitting them would expose that state to several files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ErrorCode, LogError } from './errors.ts';
import { PartitionLog } from './partition-log.ts';
import { resolveLogConfig } from './log-config.ts';
import { type Logger, consoleLogger, fsyncDir, readFileIfExists, writeFileAtomic } from './fs-util.ts';
import { loadMetaProperties, randomKafkaUuid } from './meta-properties.ts';
import { type TopicMeta, TopicStore } from './topic-store.ts';
import { isInternalTopic, validateTopicName } from './topic-name.ts';
import { validateBrokerConfig, validateTopicConfig } from '../config/validate-config.ts';
import { canonicalBrokerKey } from '../config/broker-configs.ts';
import { BrokerConfig } from '../config/broker-config.ts';
import { type BrokerConfigLayers, type ConfigEntry, brokerValue, describeBrokerConfigs, describeTopicConfigs } from '../config/resolve-config.ts';

export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';
const DYNAMIC_BROKER_FILE = 'dynamic-broker-configs.json';
const PARTITION_DIR = /^(.+)-(\d+)$/;
/**
 * Partitions opened or removed between two turns of the event loop when a topic is created,
 * grown or deleted in slices: a few milliseconds of work, so other clients are served meanwhile.
 */
const SLICE_PARTITIONS = 25;

export interface TopicInfo extends TopicMeta {
  internal: boolean;
}

export type IncrementalOp = { name: string; op: 'SET' | 'DELETE' | 'APPEND' | 'SUBTRACT'; value: string | null };

export interface LogManagerOptions {
  logger?: Logger;
  /** Clock in ms; injectable for tests. */
  now?: () => bigint;
}

export class LogManager {
  readonly clusterId: string;
  readonly nodeId: number;
  /** Whether the previous shutdown was clean (no tail re-validation was needed). */
  readonly openedClean: boolean;
  private readonly store: TopicStore;
  private readonly topicsByName = new Map<string, TopicMeta>();
  private readonly logs = new Map<string, PartitionLog[]>();
  /** Effective broker configuration; its dynamic defaults are persisted by alterBrokerDefaults. */
  readonly config: BrokerConfig;
  private readonly logger: Logger;
  private readonly now: () => bigint;
  private closed = false;
  /** Topics being created, grown or deleted in slices; no other create, grow or delete may touch them meanwhile. */
  private readonly busyTopics = new Set<string>();
  /** Partitions of creations still in progress, counted against kayak.max.partitions. */
  private pendingPartitions = 0;

  private constructor(
    readonly dataDir: string,
    brokerConfig: ReadonlyMap<string, string> | BrokerConfig,
    opts: LogManagerOptions,
  ) {
    this.logger = opts.logger ?? consoleLogger;
    this.now = opts.now ?? (() => BigInt(Date.now()));
    this.config = brokerConfig instanceof BrokerConfig ? brokerConfig : new BrokerConfig(brokerConfig);
    fs.mkdirSync(dataDir, { recursive: true });
    const marker = path.join(dataDir, CLEAN_SHUTDOWN_FILE);
    this.openedClean = fs.existsSync(marker);
    if (this.openedClean) {
      fs.rmSync(marker);
      fsyncDir(dataDir);
    }
    this.nodeId = Number(brokerValue('node.id', this.layers));
    this.clusterId = loadMetaProperties(dataDir, this.nodeId).clusterId;
    const dyn = readFileIfExists(path.join(dataDir, DYNAMIC_BROKER_FILE));
    for (const [k, v] of Object.entries(dyn ? (JSON.parse(dyn) as Record<string, string>) : {})) this.dynamicDefaults.set(k, v);
    this.store = new TopicStore(dataDir);
    for (const t of this.store.loadAll()) this.topicsByName.set(t.name, t);
    this.sweepDirectories();
    for (const t of this.topicsByName.values()) this.openPartitions(t, 0);
  }

  /** `brokerConfig`: `--config` overrides (canonicalized here) or a BrokerConfig to share. */
  static open(dataDir: string, brokerConfig: ReadonlyMap<string, string> | BrokerConfig = new Map(), opts: LogManagerOptions = {}): LogManager {
    return new LogManager(dataDir, brokerConfig, opts);
  }

  get layers(): BrokerConfigLayers {
    return this.config.layers;
  }

  private get dynamicDefaults(): Map<string, string> {
    return this.config.dynamicDefault;
  }

  /** Effective broker-level value, e.g. brokerConfig('num.partitions'). */
  brokerConfig(name: string): string | null {
    return brokerValue(canonicalBrokerKey(name), this.layers);
  }

  /** Removes `*-delete` dirs and partition dirs no topic metadata accounts for. */
  private sweepDirectories(): void {
    for (const d of fs.readdirSync(this.dataDir, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const full = path.join(this.dataDir, d.name);
      if (d.name.endsWith('-delete')) {
        fs.rmSync(full, { recursive: true, force: true });
        continue;
      }
      const m = PARTITION_DIR.exec(d.name);
      if (!m) continue;
      const topic = this.topicsByName.get(m[1]!);
      if (!topic || Number(m[2]) >= topic.partitions) {
        this.logger.warn(`removing ${full}: no topic metadata for it (interrupted create or delete)`);
        this.removeDir(full);
      }
    }
  }

  /** Rename first (atomic), then delete: a crash leaves a `-delete` dir swept at the next open. */
  private removeDir(dir: string): void {
    const doomed = `${dir}.${randomKafkaUuid().toString('hex')}-delete`;
    fs.renameSync(dir, doomed);
    fs.rmSync(doomed, { recursive: true, force: true });
  }

  private partitionDir(topic: string, p: number): string {
    return path.join(this.dataDir, `${topic}-${p}`);
  }

  private openPartitions(t: TopicMeta, from: number): void {
    const config = resolveLogConfig(t.configs, this.layers);
    const list = this.logs.get(t.name) ?? [];
    for (let p = from; p < t.partitions; p++) list[p] = this.openPartition(t, p, config);
    this.logs.set(t.name, list);
  }

  private openPartition(t: TopicMeta, p: number, config: ReturnType<typeof resolveLogConfig>): PartitionLog {
    const dir = this.partitionDir(t.name, p);
    const fresh = !fs.existsSync(dir);
    const log = PartitionLog.open(dir, config, { clean: this.openedClean || fresh, nowMs: this.now(), logger: this.logger });
    if (fresh) writeFileAtomic(path.join(dir, 'partition.metadata'), `version: 0\ntopic_id: ${t.topicId.toString('base64url')}\n`);
    return log;
  }

  /**
   * Opens partitions [from, t.partitions) a slice at a time. Nothing is visible to clients until
   * the caller commits the topic metadata; on failure (or a stop meanwhile) what was opened is
   * closed and, unless the broker is stopping, removed (a stop leaves it to the next start's sweep).
   */
  private async openPartitionsInSlices(t: TopicMeta, from: number): Promise<PartitionLog[]> {
    const config = resolveLogConfig(t.configs, this.layers);
    const opened: PartitionLog[] = [];
    try {
      for (let p = from; p < t.partitions; p++) {
        // Also before the first slice, so a request naming thousands of small topics yields too.
        if ((p - from) % SLICE_PARTITIONS === 0) {
          await nextTurn();
          if (this.closed) throw new LogError(ErrorCode.NOT_CONTROLLER, 'The broker is shutting down.');
        }
        opened.push(this.openPartition(t, p, config));
      }
      return opened;
    } catch (err) {
      opened.forEach((log, i) => {
        log.close();
        if (!this.closed) this.removeDir(this.partitionDir(t.name, from + i));
      });
      throw err;
    }
  }

  /** Partitions the broker holds, counting creations in progress. */
  get partitionCount(): number {
    let n = this.pendingPartitions;
    for (const t of this.topicsByName.values()) n += t.partitions;
    return n;
  }

  /** kayak.max.partitions: refuses a creation that would take the broker past its partition cap. */
  private checkPartitionCap(adding: number): void {
    const max = Number(this.brokerConfig('kayak.max.partitions'));
    const total = this.partitionCount;
    if (total + adding > max) {
      throw new LogError(
        ErrorCode.POLICY_VIOLATION,
        `Creating ${adding} partitions would bring this broker to ${total + adding} partitions, above kayak.max.partitions=${max}.`,
      );
    }
  }

  private checkNotBusy(name: string): void {
    if (this.busyTopics.has(name)) throw new LogError(ErrorCode.INVALID_REQUEST, `Topic '${name}' is being created, grown or deleted by another request.`);
  }

  private require(name: string): TopicMeta {
    const t = this.topicsByName.get(name);
    if (!t) throw new LogError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${name} does not exist`);
    return t;
  }

  private static checkConfigs(configs: ReadonlyMap<string, string | null>): void {
    for (const [k, v] of configs) {
      const err = validateTopicConfig(k, v);
      if (err) throw new LogError(ErrorCode.INVALID_CONFIG, err);
    }
  }

  private info(t: TopicMeta): TopicInfo {
    return { ...t, configs: new Map(t.configs), internal: isInternalTopic(t.name) };
  }

  /** Validates a new topic (name, count, configs, partition cap) and builds its metadata. */
  private newTopic(name: string, partitions: number, configs: ReadonlyMap<string, string | null> | Record<string, string>): TopicMeta {
    const nameErr = validateTopicName(name);
    if (nameErr) throw new LogError(ErrorCode.INVALID_TOPIC_EXCEPTION, nameErr);
    if (this.topicsByName.has(name)) throw new LogError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
    if (this.busyTopics.has(name)) throw new LogError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' is being created or deleted.`);
    const count = partitions === -1 ? Number(this.brokerConfig('num.partitions')) : partitions;
    if (!Number.isInteger(count) || count < 1) throw new LogError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    const entries = configs instanceof Map ? [...configs] : Object.entries(configs);
    const map = new Map(entries);
    LogManager.checkConfigs(map);
    this.checkPartitionCap(count);
    return {
      name,
      topicId: randomKafkaUuid(),
      partitions: count,
      configs: new Map([...map].filter((e): e is [string, string] => e[1] !== null)),
      createdMs: this.now(),
    };
  }

  /** partitions = -1 uses num.partitions. With validateOnly nothing is written. */
  createTopic(
    name: string,
    partitions: number,
    configs: ReadonlyMap<string, string | null> | Record<string, string> = new Map(),
    validateOnly = false,
  ): TopicInfo {
    const t = this.newTopic(name, partitions, configs);
    if (validateOnly) return this.info(t);
    this.openPartitions(t, 0); // directories first; the metadata write below commits the topic
    this.store.save(t);
    this.topicsByName.set(name, t);
    return this.info(t);
  }

  /** createTopic for many partitions: opens them a slice at a time so other clients are served meanwhile. */
  async createTopicInSlices(
    name: string,
    partitions: number,
    configs: ReadonlyMap<string, string | null> | Record<string, string> = new Map(),
    validateOnly = false,
  ): Promise<TopicInfo> {
    const t = this.newTopic(name, partitions, configs);
    if (validateOnly) return this.info(t);
    this.busyTopics.add(name);
    this.pendingPartitions += t.partitions;
    try {
      const logs = await this.openPartitionsInSlices(t, 0);
      this.store.save(t); // commit point
      this.logs.set(name, logs);
      this.topicsByName.set(name, t);
      return this.info(t);
    } finally {
      this.busyTopics.delete(name);
      this.pendingPartitions -= t.partitions;
    }
  }

  deleteTopic(name: string): void {
    this.checkNotBusy(name);
    const logs = this.detachTopic(name);
    logs.forEach((log, p) => this.removePartition(name, p, log));
  }

  /** deleteTopic for many partitions: the topic is gone at once, its directories go a slice at a time. */
  async deleteTopicInSlices(name: string): Promise<void> {
    this.checkNotBusy(name);
    const logs = this.detachTopic(name);
    this.busyTopics.add(name);
    try {
      for (let p = 0; p < logs.length; p++) {
        if (p % SLICE_PARTITIONS === 0) {
          await nextTurn();
          if (this.closed) return; // the next start sweeps directories without metadata
        }
        this.removePartition(name, p, logs[p] as PartitionLog);
      }
    } finally {
      this.busyTopics.delete(name);
    }
  }

  /** Removes the topic's metadata (the commit point) and returns its logs for removal. */
  private detachTopic(name: string): PartitionLog[] {
    this.require(name);
    this.store.remove(name);
    this.topicsByName.delete(name);
    const logs = this.logs.get(name) ?? [];
    this.logs.delete(name);
    return logs;
  }

  private removePartition(name: string, p: number, log: PartitionLog): void {
    log.close();
    this.removeDir(this.partitionDir(name, p));
  }

  private checkGrowth(name: string, newTotal: number): TopicMeta {
    this.checkNotBusy(name);
    const t = this.require(name);
    if (!Number.isInteger(newTotal) || newTotal <= t.partitions) {
      throw new LogError(
        ErrorCode.INVALID_PARTITIONS,
        `Topic currently has ${t.partitions} partitions, which is higher than or equal to the requested ${newTotal}.`,
      );
    }
    this.checkPartitionCap(newTotal - t.partitions);
    return t;
  }

  createPartitions(name: string, newTotal: number, validateOnly = false): void {
    const t = this.checkGrowth(name, newTotal);
    if (validateOnly) return;
    const grown = { ...t, partitions: newTotal };
    this.openPartitions(grown, t.partitions);
    this.store.save(grown);
    this.topicsByName.set(name, grown);
  }

  /** createPartitions for many partitions, a slice at a time; the new partitions appear at the end. */
  async createPartitionsInSlices(name: string, newTotal: number, validateOnly = false): Promise<void> {
    const t = this.checkGrowth(name, newTotal);
    if (validateOnly) return;
    const adding = newTotal - t.partitions;
    this.busyTopics.add(name);
    this.pendingPartitions += adding;
    try {
      const grown = { ...t, partitions: newTotal };
      const added = await this.openPartitionsInSlices(grown, t.partitions);
      this.store.save(grown); // commit point
      this.logs.set(name, [...(this.logs.get(name) ?? []), ...added]);
      this.topicsByName.set(name, grown);
    } finally {
      this.busyTopics.delete(name);
      this.pendingPartitions -= adding;
    }
  }

  /** AlterConfigs semantics: the given set REPLACES all overrides (null values are dropped). */
  alterTopicConfig(name: string, configs: ReadonlyMap<string, string | null>, validateOnly = false): void {
    const t = this.require(name);
    LogManager.checkConfigs(configs);
    if (validateOnly) return;
    const next = new Map([...configs].filter((e): e is [string, string] => e[1] !== null));
    this.applyTopicConfigs(t, next);
  }

  /** IncrementalAlterConfigs: SET/DELETE, and APPEND/SUBTRACT for list configs. */
  incrementalAlterTopicConfig(name: string, ops: readonly IncrementalOp[], validateOnly = false): void {
    const t = this.require(name);
    const next = new Map(t.configs);
    for (const { name: key, op, value } of ops) {
      const err = validateTopicConfig(key, op === 'DELETE' ? null : value);
      if (err) throw new LogError(ErrorCode.INVALID_CONFIG, err);
      // APPEND/SUBTRACT start from the effective value when there is no override, as Kafka does.
      const base = next.get(key) ?? describeTopicConfigs(new Map(), this.layers, [key])[0]?.value ?? '';
      const current = base
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const items = (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (op === 'DELETE') next.delete(key);
      else if (op === 'SET' && value !== null) next.set(key, value);
      else if (op === 'APPEND') next.set(key, [...current, ...items.filter((i) => !current.includes(i))].join(','));
      else if (op === 'SUBTRACT') next.set(key, current.filter((i) => !items.includes(i)).join(','));
      const after = next.get(key);
      const recheck = after === undefined ? null : validateTopicConfig(key, after);
      if (recheck) throw new LogError(ErrorCode.INVALID_CONFIG, recheck);
    }
    if (!validateOnly) this.applyTopicConfigs(t, next);
  }

  private applyTopicConfigs(t: TopicMeta, configs: Map<string, string>): void {
    const updated = { ...t, configs };
    this.store.save(updated);
    this.topicsByName.set(t.name, updated);
    this.refreshLogConfigs(updated);
  }

  private refreshLogConfigs(t: TopicMeta): void {
    const config = resolveLogConfig(t.configs, this.layers);
    for (const log of this.logs.get(t.name) ?? []) log.updateConfig(config);
  }

  /** Cluster-wide dynamic broker defaults (AlterConfigs on the BROKER resource with an empty name). */
  alterBrokerDefaults(configs: ReadonlyMap<string, string | null>, validateOnly = false): void {
    for (const [k, v] of configs) {
      const err = validateBrokerConfig(k, v);
      if (err) throw new LogError(ErrorCode.INVALID_CONFIG, err);
    }
    if (validateOnly) return;
    for (const [k, v] of configs) {
      if (v === null) this.dynamicDefaults.delete(canonicalBrokerKey(k));
      else this.dynamicDefaults.set(canonicalBrokerKey(k), v);
    }
    writeFileAtomic(path.join(this.dataDir, DYNAMIC_BROKER_FILE), JSON.stringify(Object.fromEntries(this.dynamicDefaults)) + '\n');
    for (const t of this.topicsByName.values()) this.refreshLogConfigs(t);
  }

  describeTopicConfigs(name: string, keys?: readonly string[] | null): ConfigEntry[] {
    return describeTopicConfigs(this.require(name).configs, this.layers, keys);
  }

  describeBrokerConfigs(keys?: readonly string[] | null): ConfigEntry[] {
    return describeBrokerConfigs(this.layers, keys);
  }

  topic(name: string): TopicInfo | undefined {
    const t = this.topicsByName.get(name);
    return t && this.info(t);
  }

  /** Alias of topic(). */
  getTopic(name: string): TopicInfo | undefined {
    return this.topic(name);
  }

  /**
   * A topic's metadata as stored, not copied (topic() copies its configs): for read paths that
   * run once per topic of a large listing, such as Metadata of every topic.
   */
  peekTopic(name: string): Readonly<TopicMeta> | undefined {
    return this.topicsByName.get(name);
  }

  /** Every topic's name in code-unit order, without copying any topic's metadata. */
  topicNames(): string[] {
    return [...this.topicsByName.keys()].sort();
  }

  topicById(id: Buffer): TopicInfo | undefined {
    for (const t of this.topicsByName.values()) if (t.topicId.equals(id)) return this.info(t);
    return undefined;
  }

  topics(): TopicInfo[] {
    return [...this.topicsByName.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => this.info(t));
  }

  /** Alias of topics(). */
  listTopics(): TopicInfo[] {
    return this.topics();
  }

  /** Every topic's partition logs by name, without copying topic metadata (DescribeLogDirs of all topics). */
  allPartitionLogs(): ReadonlyMap<string, readonly PartitionLog[]> {
    return this.logs;
  }

  partition(topic: string, p: number): PartitionLog | undefined {
    return this.logs.get(topic)?.[p];
  }

  /** Runs retention on every partition; the caller schedules it (log.retention.check.interval.ms). */
  enforceRetention(nowMs: bigint = this.now()): number {
    let n = 0;
    for (const list of this.logs.values()) for (const log of list) n += log.enforceRetention(nowMs);
    return n;
  }

  /** Compacts partitions of cleanup.policy=compact topics; the caller schedules it. */
  compact(nowMs: bigint = this.now()): number {
    let removed = 0;
    for (const list of this.logs.values()) for (const log of list) removed += log.compact(nowMs);
    return removed;
  }

  /** flush.ms / log.flush.interval.ms: the caller calls this periodically. */
  flushDue(nowMs: bigint = this.now()): void {
    for (const list of this.logs.values()) for (const log of list) log.flushIfDue(nowMs);
  }

  /** Flushes and closes every log, then writes the clean-shutdown marker. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const list of this.logs.values()) for (const log of list) log.close();
    this.logs.clear();
    writeFileAtomic(path.join(this.dataDir, CLEAN_SHUTDOWN_FILE), '');
  }
}
