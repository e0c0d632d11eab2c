/**
 * The broker's shared state: identity, configuration, the log manager and the TCP server.
 * Handlers reach everything through this object; it is the only thing `main.ts` builds.
 */
import { LogManager } from './log/log-manager.ts';
import { FetchWaiters } from './fetch-waiters.ts';
import { KafkaServer, type ConnectionLimits } from './server.ts';
import { ConnectionQuotas } from './connection-quotas.ts';
import { resolveBrokerConfig, type BrokerConfig } from './config/broker-configs.ts';
import { GroupCoordinator } from './group/group-coordinator.ts';
import { usesSasl, type ListenerSpec } from './listeners.ts';
import type { Mechanism } from './sasl/mechanism.ts';
import type { SaslUsers } from './sasl/users.ts';
import { Authorizer, parseSuperUsers } from './acl/authorizer.ts';
import { ProducerIdManager } from './txn/producer-id-manager.ts';
import { TransactionCoordinator } from './txn/transaction-coordinator.ts';
import { SchemaRegistry, type SchemaRegistryOptions } from './schema-registry/schema-registry.ts';

export interface SaslOptions {
  users: SaslUsers;
  mechanisms: readonly Mechanism[];
}

export interface BrokerOptions {
  nodeId: number;
  host: string;
  port: number;
  /** Kafka-style listeners; when absent, one PLAINTEXT listener on host:port. */
  listeners?: ListenerSpec[];
  /** The host clients are told to connect to (Metadata); defaults to the listener's host. */
  advertisedHost?: string;
  /** PEM certificate and key for SSL/SASL_SSL listeners; a CA makes client certificates required. */
  tls?: { cert: string; key: string; ca?: string };
  sasl?: SaslOptions;
  dataDir: string;
  /** Broker config overrides from `--config key=value`. */
  overrides?: Map<string, string>;
  /** Where log lines go; defaults to stderr. Tests pass a silent logger. */
  logger?: (line: string) => void;
  /** Serve the Confluent-compatible schema registry (stored in `_schemas`) on this address. */
  schemaRegistry?: SchemaRegistryOptions;
}

const writeStderr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export class Broker {
  readonly nodeId: number;
  readonly config: BrokerConfig;
  readonly fetchWaiters = new FetchWaiters();
  readonly logs: LogManager;
  /** Consumer groups and committed offsets; built (and its metadata log replayed) in start(). */
  groups!: GroupCoordinator;
  readonly sasl: SaslOptions | null;
  /** ACL checks; null when no `authorizer.class.name` is configured (every request allowed). */
  authorizer: Authorizer | null = null;
  /** Durable producer id allocation for InitProducerId. */
  readonly producerIds: ProducerIdManager;
  /** Transactional ids and their transactions; built (and its log replayed) in start(). */
  transactions!: TransactionCoordinator;
  /** The schema registry's HTTP listener, when `schemaRegistry` was given. */
  schemaRegistry: SchemaRegistry | null = null;
  private servers: KafkaServer[] = [];
  /** What open() built that holds files or timers, in build order; closed in reverse. */
  private readonly closeables: { close(): void }[] = [];
  private retentionTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private cleanerTimer: NodeJS.Timeout | null = null;
  private producerExpiryTimer: NodeJS.Timeout | null = null;
  private listening: { host: string; port: number }[] = [];

  private constructor(
    private readonly options: BrokerOptions,
    logs: LogManager,
    config: BrokerConfig,
  ) {
    this.nodeId = options.nodeId;
    this.logs = logs;
    this.config = config;
    this.sasl = options.sasl ?? null;
    this.producerIds = new ProducerIdManager(options.dataDir);
  }

  private static listenerSpecs(options: BrokerOptions): ListenerSpec[] {
    const listeners = options.listeners ?? [{ protocol: 'PLAINTEXT', host: options.host, port: options.port }];
    if (listeners.length === 0) throw new Error('at least one listener is needed');
    if (listeners.some((l) => usesSasl(l.protocol)) && (options.sasl?.users.size ?? 0) === 0) {
      throw new Error('SASL listeners need users (--sasl-users or --sasl-users-file)');
    }
    return listeners;
  }

  static async start(options: BrokerOptions): Promise<Broker> {
    const overrides = new Map(options.overrides ?? []);
    overrides.set('node.id', String(options.nodeId));
    const config = resolveBrokerConfig(overrides);
    const log = options.logger ?? writeStderr;
    const specs = Broker.listenerSpecs(options); // before opening anything: it may throw
    const logs = LogManager.open(options.dataDir, config, { logger: { info: (m: string) => log(m), warn: (m: string) => log(m) } });
    const broker = new Broker(options, logs, config);
    try {
      await broker.open(specs);
    } catch (err) {
      // Release whatever was opened before the failure, so its logs are fsynced and closed.
      await broker.release();
      throw err;
    }
    const interval = config.getInt('log.retention.check.interval.ms');
    broker.retentionTimer = setInterval(() => broker.enforceRetention(), interval);
    broker.retentionTimer.unref();
    if (config.getBoolean('log.cleaner.enable')) {
      broker.cleanerTimer = setInterval(() => broker.compactLogs(), config.getInt('log.cleaner.backoff.ms'));
      broker.cleanerTimer.unref();
    }
    broker.producerExpiryTimer = setInterval(() => broker.removeExpiredProducers(), config.getInt('producer.id.expiration.check.interval.ms'));
    broker.producerExpiryTimer.unref();
    // flush.ms / log.flush.interval.ms: cheap when nothing is due (the default never is).
    broker.flushTimer = setInterval(() => broker.logs.flushDue(), 1000);
    broker.flushTimer.unref();
    return broker;
  }

  /** Builds the coordinators and binds the listeners; start() releases all of it if this throws. */
  private async open(specs: ListenerSpec[]): Promise<void> {
    const { config, logs } = this;
    const options = this.options;
    const log = options.logger ?? writeStderr;
    if (config.getString('authorizer.class.name') !== '') {
      this.authorizer = Authorizer.open(options.dataDir, {
        superUsers: parseSuperUsers(config.get('super.users')),
        allowEveryoneIfNoAclFound: config.getBoolean('allow.everyone.if.no.acl.found'),
      });
    }
    this.groups = new GroupCoordinator({
      dataDir: options.dataDir,
      config,
      log,
      partitionExists: (topic, p) => logs.partition(topic, p) !== undefined,
      topics: { partitionCount: (topic) => logs.topic(topic)?.partitions, allTopics: () => logs.topics().map((t) => t.name) },
    });
    this.closeables.push(this.groups);
    this.addTopicDeletedListener((topic) => this.groups.onTopicDeleted(topic));
    this.transactions = new TransactionCoordinator(
      options.dataDir,
      config,
      this.producerIds,
      {
        writeMarker: (p, producerId, producerEpoch, commit) => {
          const partition = logs.partition(p.topic, p.partition);
          if (partition === undefined) return;
          partition.appendMarker(producerId, producerEpoch, commit, 0, BigInt(Date.now()));
          this.fetchWaiters.notify(p.topic, p.partition);
        },
        commitOffsets: (offsets) => this.groups.commitTransactionalOffsets(offsets),
      },
      log,
    );
    this.closeables.push(this.transactions);
    this.transactions.startTimers();
    const limits: ConnectionLimits = {
      maxRequestBytes: config.getInt('socket.request.max.bytes'),
      saslMaxReceiveBytes: config.getInt('sasl.server.max.receive.size'),
      idleMs: Number(config.getLong('connections.max.idle.ms')),
      failedAuthDelayMs: config.getInt('connection.failed.authentication.delay.ms'),
    };
    const quotas = new ConnectionQuotas(config);
    for (const spec of specs) {
      const server = new KafkaServer(this, {
        ...spec,
        advertisedHost: options.advertisedHost ?? (spec.host === '0.0.0.0' || spec.host === '::' ? '127.0.0.1' : spec.host),
        limits,
        quotas,
        tls: options.tls
          ? {
              cert: options.tls.cert,
              key: options.tls.key,
              ca: options.tls.ca,
              requestCert: options.tls.ca !== undefined,
              rejectUnauthorized: options.tls.ca !== undefined,
            }
          : undefined,
      });
      this.servers.push(server);
      this.listening.push(await server.listen());
    }
    if (options.schemaRegistry) {
      this.schemaRegistry = await SchemaRegistry.start(logs, options.schemaRegistry, log, () =>
        this.fetchWaiters.notify(options.schemaRegistry?.topic ?? '_schemas', 0),
      );
    }
  }

  get clusterId(): string {
    return this.logs.clusterId;
  }

  /** The first listener's advertised address (each connection uses its own listener's). */
  get advertised(): { host: string; port: number } {
    return { host: this.options.advertisedHost ?? this.options.host, port: this.port };
  }

  /** The first listener's bound port. */
  get port(): number {
    return this.listening[0]?.port ?? this.options.port;
  }

  /** Every listener with its protocol and bound address, for the start-up line. */
  get boundListeners(): { protocol: string; host: string; port: number }[] {
    return this.servers.map((s, i) => ({ protocol: s.protocol, host: this.listening[i]?.host ?? '', port: this.listening[i]?.port ?? 0 }));
  }

  private readonly topicDeletedListeners: ((topic: string) => void)[] = [];

  /** Lets other parts (the group coordinator) forget state about a deleted topic. */
  onTopicDeleted(topic: string): void {
    for (const listener of this.topicDeletedListeners) listener(topic);
  }

  addTopicDeletedListener(listener: (topic: string) => void): void {
    this.topicDeletedListeners.push(listener);
  }

  log(line: string): void {
    (this.options.logger ?? writeStderr)(line);
  }

  private compactLogs(): void {
    try {
      this.logs.compact(BigInt(Date.now()));
    } catch (err) {
      this.log(`compaction failed: ${(err as Error).message}`);
    }
  }

  /** producer.id.expiration.ms over every partition (read at each pass: it is dynamic). */
  removeExpiredProducers(nowMs: bigint = BigInt(Date.now())): number {
    const expiration = BigInt(this.config.getInt('producer.id.expiration.ms'));
    let n = 0;
    for (const t of this.logs.topics()) {
      for (let p = 0; p < t.partitions; p++) n += this.logs.partition(t.name, p)?.removeExpiredProducers(nowMs, expiration) ?? 0;
    }
    return n;
  }

  private enforceRetention(): void {
    try {
      this.logs.enforceRetention(BigInt(Date.now()));
    } catch (err) {
      this.log(`retention check failed: ${(err as Error).message}`);
    }
  }

  /** Stops serving, flushes every log (partitions, groups, transactions) and writes the clean-shutdown marker. */
  async stop(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.cleanerTimer) clearInterval(this.cleanerTimer);
    if (this.producerExpiryTimer) clearInterval(this.producerExpiryTimer);
    await this.release();
  }

  /**
   * Stops the listeners, then closes the transaction coordinator, the group coordinator (each
   * stops its timers and fsyncs its log) and the partition logs, in the reverse of build order.
   */
  private async release(): Promise<void> {
    await this.schemaRegistry?.close();
    this.schemaRegistry = null;
    await Promise.all(this.servers.map((s) => s.close()));
    for (const c of this.closeables.splice(0).reverse()) c.close();
    this.logs.close();
  }
}
