/**
 * The broker's shared state: identity, configuration, the log manager and the TCP server.
 * Handlers reach everything through this object; it is the only thing `main.ts` builds.
 */
import { LogManager } from './log/log-manager.ts';
import { FetchWaiters } from './fetch-waiters.ts';
import { KafkaServer } from './server.ts';
import { resolveBrokerConfig, type BrokerConfig } from './config/broker-configs.ts';

export interface BrokerOptions {
  nodeId: number;
  host: string;
  port: number;
  /** The host clients are told to connect to (Metadata); defaults to `host`. */
  advertisedHost?: string;
  dataDir: string;
  /** Broker config overrides from `--config key=value`. */
  overrides?: Map<string, string>;
  /** Where log lines go; defaults to stderr. Tests pass a silent logger. */
  logger?: (line: string) => void;
}

const writeStderr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export class Broker {
  readonly nodeId: number;
  readonly config: BrokerConfig;
  readonly fetchWaiters = new FetchWaiters();
  readonly logs: LogManager;
  private server: KafkaServer | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private listening: { host: string; port: number } | null = null;

  private constructor(
    private readonly options: BrokerOptions,
    logs: LogManager,
    config: BrokerConfig,
  ) {
    this.nodeId = options.nodeId;
    this.logs = logs;
    this.config = config;
  }

  static async start(options: BrokerOptions): Promise<Broker> {
    const overrides = new Map(options.overrides ?? []);
    overrides.set('node.id', String(options.nodeId));
    const config = resolveBrokerConfig(overrides);
    const log = options.logger ?? writeStderr;
    const logs = LogManager.open(options.dataDir, config, { logger: { info: (m: string) => log(m), warn: (m: string) => log(m) } });
    const broker = new Broker(options, logs, config);
    broker.server = new KafkaServer(broker, {
      host: options.host,
      port: options.port,
      maxRequestBytes: config.getInt('socket.request.max.bytes'),
    });
    broker.listening = await broker.server.listen();
    const interval = config.getInt('log.retention.check.interval.ms');
    broker.retentionTimer = setInterval(() => broker.enforceRetention(), interval);
    broker.retentionTimer.unref();
    // flush.ms / log.flush.interval.ms: cheap when nothing is due (the default never is).
    broker.flushTimer = setInterval(() => broker.logs.flushDue(), 1000);
    broker.flushTimer.unref();
    return broker;
  }

  get clusterId(): string {
    return this.logs.clusterId;
  }

  /** The host and port advertised to clients in Metadata and FindCoordinator. */
  get advertised(): { host: string; port: number } {
    const port = this.listening?.port ?? this.options.port;
    return { host: this.options.advertisedHost ?? this.options.host, port };
  }

  get port(): number {
    return this.listening?.port ?? this.options.port;
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

  private enforceRetention(): void {
    try {
      this.logs.enforceRetention(BigInt(Date.now()));
    } catch (err) {
      this.log(`retention check failed: ${(err as Error).message}`);
    }
  }

  /** Stops serving, flushes every log and writes the clean-shutdown marker. */
  async stop(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.server?.close();
    this.logs.close();
  }
}
