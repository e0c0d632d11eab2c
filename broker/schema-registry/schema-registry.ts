/**
 * The Confluent-compatible schema registry the broker serves next to Kafka: its `_schemas`
 * topic replayed, then the HTTP listener. Built by the broker after its logs are open and
 * closed before them.
 */
import type { LogManager } from '../log/log-manager.ts';
import { SchemasTopic } from './schemas-topic.ts';
import { Registry } from './registry.ts';
import { RegistryHttpServer } from './http-server.ts';

export interface SchemaRegistryOptions {
  host: string;
  port: number;
  /** Confluent's kafkastore.topic; `_schemas` by default. */
  topic?: string;
}

export class SchemaRegistry {
  private constructor(
    private readonly server: RegistryHttpServer,
    readonly host: string,
    readonly port: number,
    readonly topic: string,
  ) {}

  static async start(logs: LogManager, options: SchemaRegistryOptions, log: (line: string) => void, notify: () => void): Promise<SchemaRegistry> {
    const topicName = options.topic ?? '_schemas';
    const topic = new SchemasTopic(logs, topicName, log, notify);
    topic.open();
    const server = new RegistryHttpServer(new Registry(topic), topic, log);
    const address = await server.listen(options.host, options.port);
    return new SchemaRegistry(server, options.host, address.port, topicName);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
