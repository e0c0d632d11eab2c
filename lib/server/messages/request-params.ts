import 'server-only';
import type { z } from 'zod';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { clusterRegistry } from '../clusters';
import {
  avroSchemaParamSchema,
  countParamSchema,
  cursorSchema,
  formatSchema,
  isolationParamSchema,
  maxCharsSchema,
  offsetParamSchema,
  partitionParamSchema,
  protoTypeSchema,
  timestampParamSchema,
} from '../../messages/params';
import type { Isolation } from '../../messages/dto';
import { parse } from '../route';
import type { RenderOptions } from './to-dto';

/** Reads and validates the query parameters shared by the message routes. */
export function param<S extends z.ZodType>(q: URLSearchParams, name: string, schema: S): z.output<S> | undefined {
  const raw = q.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  try {
    return parse(schema, raw);
  } catch (e) {
    if (e instanceof ApiError) throw new ApiError('bad_request', `${name}: ${e.message}`, e.details);
    throw e;
  }
}

export const DEFAULT_MAX_CHARS = 20_000;

export function renderOptions(q: URLSearchParams, cluster: ClusterRef): RenderOptions {
  const valueFormat = param(q, 'format', formatSchema) ?? param(q, 'valueFormat', formatSchema) ?? 'auto';
  const keyFormat = param(q, 'keyFormat', formatSchema) ?? 'auto';
  const valueProtoType = param(q, 'protoType', protoTypeSchema) ?? param(q, 'msgTypeName', protoTypeSchema);
  const keyProtoType = param(q, 'keyProtoType', protoTypeSchema);
  if (valueFormat === 'protobuf' && !valueProtoType)
    throw new ApiError('bad_request', 'format=protobuf needs protoType (the full message name, e.g. shop.Order)');
  if (keyFormat === 'protobuf' && !keyProtoType) throw new ApiError('bad_request', 'keyFormat=protobuf needs keyProtoType');
  const valueAvroSchema = param(q, 'avroSchema', avroSchemaParamSchema);
  const keyAvroSchema = param(q, 'keyAvroSchema', avroSchemaParamSchema);
  return {
    valueFormat,
    keyFormat,
    valueProtoType,
    keyProtoType,
    valueAvroSchema,
    keyAvroSchema,
    registry: clusterRegistry(cluster),
    maxChars: param(q, 'maxChars', maxCharsSchema) ?? DEFAULT_MAX_CHARS,
  };
}

export interface StartParams {
  partition: number | null;
  offset?: bigint | 'oldest' | 'newest';
  timestamp?: bigint;
  isolation: Isolation;
}

export function startParams(q: URLSearchParams, defaultPartition: number | null): StartParams {
  const p = param(q, 'partition', partitionParamSchema);
  const partition = p === undefined ? (q.get('partition')?.trim() === 'all' ? null : defaultPartition) : p;
  const offset = param(q, 'offset', offsetParamSchema);
  const timestamp = param(q, 'timestamp', timestampParamSchema);
  if (offset !== undefined && timestamp !== undefined) throw new ApiError('bad_request', 'Give either offset or timestamp, not both');
  const isolation = param(q, 'isolation', isolationParamSchema) ?? 'read_committed';
  return { partition, offset, timestamp, isolation };
}

export function browseParams(q: URLSearchParams, cluster: ClusterRef) {
  const start = startParams(q, 0);
  const count = param(q, 'count', countParamSchema) ?? 100;
  const cursor = param(q, 'cursor', cursorSchema);
  const before = param(q, 'before', cursorSchema);
  if (start.partition !== null && (cursor || before)) throw new ApiError('bad_request', 'cursor and before are for the whole-topic view (partition=all)');
  if (cursor && before) throw new ApiError('bad_request', 'Give either cursor (next page) or before (previous page), not both');
  if (start.partition === null && typeof start.offset === 'bigint')
    throw new ApiError('bad_request', 'The whole-topic view starts at a timestamp, "oldest" or "newest", not at an offset');
  return { ...start, count, cursor, before, render: renderOptions(q, cluster) };
}
