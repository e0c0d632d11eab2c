import 'server-only';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { Partitioners, type Producer } from 'kafkajs';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { ProduceResultDto } from '../../messages/dto';
import type { ProduceFormat, produceSchema } from '../../messages/params';
import type { z } from 'zod';
import { kafkaFor } from '../kafka/admin';
import { topicConfigs } from '../kafka/configs';
import { BODY_CEILING, bodyLimit } from '../http/body-limit';
import { toApiError } from '../kafka/errors';
import { existingTopic } from '../kafka/topics';
import { assertWritable } from '../read-only';
import { parseExactJson } from '../../messages/lossless-json';
import { clusterRegistry } from '../clusters';
import { encodeWithSchema, schemaForSubject, type SchemaChoice } from './registry-encode';

/**
 * Produce from the UI. Without a partition, kafkajs's DefaultPartitioner places keyed records
 * exactly as Kafka's Java client does (murmur2 of the key bytes, positive, modulo the partition
 * count), so a key lands where the application's own producer would put it.
 */
type Input = z.output<typeof produceSchema>;

interface Entry {
  producer: Producer;
  connected: Promise<void>;
}
const store = globalThis as typeof globalThis & { __kayakProducers?: Map<string, Entry> };
const producers = (store.__kayakProducers ??= new Map<string, Entry>());

/**
 * A topic created a moment ago may not have a leader yet on a real cluster (Kafka answers
 * NOT_LEADER_OR_FOLLOWER until the controller's election reaches the broker): retriable errors
 * are retried for several seconds, as Kafka's own producer does, instead of failing the request.
 */
export const PRODUCE_RETRY = { retries: 5, initialRetryTime: 300, maxRetryTime: 3000 };

function entryFor(cluster: ClusterRef): Entry {
  let e = producers.get(cluster.id);
  if (!e) {
    const producer = kafkaFor(cluster).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      idempotent: false,
      retry: PRODUCE_RETRY,
    });
    e = { producer, connected: producer.connect() };
    producers.set(cluster.id, e);
  }
  return e;
}

export function encodeAs(format: ProduceFormat, text: string, what: string): Buffer {
  switch (format) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'json':
      try {
        JSON.parse(text);
      } catch (e) {
        throw new ApiError('bad_request', `${what} is not valid JSON: ${e instanceof Error ? e.message : e}`);
      }
      return Buffer.from(text, 'utf8');
    case 'base64':
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) throw new ApiError('bad_request', `${what} is not valid base64`);
      return Buffer.from(text, 'base64');
    case 'hex': {
      const clean = text.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new ApiError('bad_request', `${what} is not valid hex (pairs of 0-9a-f)`);
      return Buffer.from(clean, 'hex');
    }
    case 'msgpack':
      try {
        return Buffer.from(msgpackEncode(parseExactJson(text), { useBigInt64: true }));
      } catch (e) {
        throw new ApiError(
          'bad_request',
          `${what}: MessagePack is written from JSON input, and this is not valid JSON (${e instanceof Error ? e.message : e})`,
        );
      }
  }
}

/**
 * The produce route's body limit: room for one record of the topic's max.message.bytes written
 * as hex (two characters a byte, the widest input format) plus JSON and headers, never less
 * than the JSON limit and never more than BODY_CEILING. Unknown topics answer 404 here, before
 * any of the body is read.
 */
export async function produceBodyLimit(cluster: ClusterRef, topic: string): Promise<number> {
  const configs = await topicConfigs(cluster, topic);
  const max = Number(configs.find((c) => c.name === 'max.message.bytes')?.value ?? 1048588);
  const wanted = Number.isFinite(max) && max > 0 ? 2 * max + 64 * 1024 : bodyLimit();
  return Math.min(BODY_CEILING, Math.max(bodyLimit(), wanted));
}

async function encodeSide(
  cluster: ClusterRef,
  format: ProduceFormat,
  text: string | null | undefined,
  choice: SchemaChoice | undefined,
  what: string,
): Promise<Buffer | null> {
  if (text === null || text === undefined) return null;
  if (!choice) return encodeAs(format, text, what);
  const r = clusterRegistry(cluster);
  if (!r) throw new ApiError('bad_request', `Cluster "${cluster.name}" has no schema registry to produce with`);
  return encodeWithSchema(await schemaForSubject(r, choice), text, what, choice.messageType);
}

export async function produce(cluster: ClusterRef, topic: string, input: Input): Promise<ProduceResultDto> {
  assertWritable('Producing messages');
  // Both are encoded (and checked against their schemas) before anything is sent.
  const key = await encodeSide(cluster, input.keyFormat, input.key, input.keySchema, 'Key');
  const value = await encodeSide(cluster, input.valueFormat, input.value, input.valueSchema, 'Value');
  const headers: Record<string, Buffer[]> = {};
  for (const h of input.headers) (headers[h.key] ??= []).push(Buffer.from(h.value ?? '', 'utf8'));
  const partitions = (await existingTopic(cluster, topic)).partitions.length;
  if (input.partition !== null && input.partition !== undefined && input.partition >= partitions) {
    throw new ApiError('bad_request', `Topic "${topic}" has no partition ${input.partition} (it has ${partitions})`);
  }
  const entry = entryFor(cluster);
  try {
    await entry.connected;
    const [meta] = await entry.producer.send({
      topic,
      acks: -1,
      messages: [{ key, value, headers, ...(input.partition !== null && input.partition !== undefined ? { partition: input.partition } : {}) }],
    });
    if (!meta) throw new ApiError('internal', 'The broker acknowledged nothing');
    return { topic, partition: meta.partition, offset: String(meta.baseOffset ?? meta.offset ?? '-1') };
  } catch (e) {
    const err = toApiError(e, cluster);
    // A refused record (too large, invalid) says nothing about the connection: keep the
    // producer. Only cluster-side failures (unreachable, timeout, unknown) start a new one.
    if (err.status >= 500) {
      producers.delete(cluster.id);
      entry.producer.disconnect().catch(() => undefined);
    }
    throw err;
  }
}
