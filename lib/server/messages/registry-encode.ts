import 'server-only';
import protobuf from 'protobufjs';
import { ApiError } from '../../api-error';
import { parseExactJson } from '../../messages/lossless-json';
import { registryRequest, seg } from '../schema-registry/client';
import type { RegistrySettings } from '../schema-registry/config';
import { wireHeader, writeMessageIndexes } from './confluent-wire';
import { schemaById, type ResolvedSchema } from './schema-registry';

/**
 * Produce with a registry schema: JSON input checked against the subject's schema (every problem
 * listed, nothing sent when there is one), then written in Confluent's wire format: magic 0,
 * schema id, (Protobuf: message indexes), the serialized record.
 */
export interface SchemaChoice {
  subject: string;
  /** a version number, or the latest */
  version?: number;
  /** Protobuf: the message to write (full name); the file's first message when absent */
  messageType?: string;
}

export async function schemaForSubject(r: RegistrySettings, c: SchemaChoice): Promise<ResolvedSchema> {
  const v = await registryRequest<{ id: number }>(r, 'GET', `/subjects/${seg(c.subject)}/versions/${c.version ?? 'latest'}`);
  return schemaById(r, v.id);
}

/** Where a message sits among the file's messages, as Confluent's message indexes. */
function indexesOf(s: ResolvedSchema, type: protobuf.Type): number[] {
  const path: number[] = [];
  let t: protobuf.ReflectionObject | null = type;
  while (t instanceof protobuf.Type) {
    const parent: protobuf.ReflectionObject | null = t.parent;
    const siblings = parent instanceof protobuf.Type ? parent.nestedArray.filter((n) => n instanceof protobuf.Type) : s.proto!.messages;
    path.unshift(siblings.indexOf(t));
    t = parent instanceof protobuf.Type ? parent : null;
  }
  return path;
}

function invalid(what: string, problems: string[]): never {
  throw new ApiError(
    'bad_request',
    `${what} does not match the schema: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    problems,
  );
}

export function encodeWithSchema(s: ResolvedSchema, text: string, what: string, messageType?: string): Buffer {
  let value: unknown;
  try {
    value = parseExactJson(text);
  } catch (e) {
    throw new ApiError('bad_request', `${what} is not valid JSON: ${e instanceof Error ? e.message : e}`);
  }
  const head = wireHeader(s.id);
  switch (s.schemaType) {
    case 'AVRO': {
      const problems: string[] = [];
      s.avro!.isValid(value, {
        errorHook: (path, v, type) =>
          problems.push(
            `${path.join('.') || '(root)'}: ${JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x)) ?? 'missing'} is not a valid ${JSON.stringify(type.schema())}`.slice(
              0,
              300,
            ),
          ),
      });
      if (problems.length) invalid(what, problems);
      return Buffer.concat([head, s.avro!.toBuffer(value)]);
    }
    case 'PROTOBUF': {
      let type: protobuf.Type | undefined;
      try {
        type = messageType ? s.proto!.root.lookupType(messageType) : s.proto!.messages[0];
      } catch {
        throw new ApiError('bad_request', `Schema ${s.id} has no message type "${messageType}"`);
      }
      if (!type) throw new ApiError('bad_request', `Schema ${s.id} has no message types`);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(what, [`a ${type.name} message is written as a JSON object`]);
      // fromObject drops fields it does not know: a misspelt field must not vanish silently.
      const unknown = Object.keys(value).filter((k) => !type.fields[k]);
      if (unknown.length)
        invalid(
          what,
          unknown.map((k) => `${type.name} has no field "${k}"`),
        );
      // 64-bit integers arrive as bigint (beyond 2^53) or strings; protobufjs takes both as strings.
      const msg = type.fromObject(JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))) as Record<string, unknown>);
      const problem = type.verify(msg);
      if (problem) invalid(what, [problem]);
      const body = type.encode(msg).finish();
      return Buffer.concat([head, writeMessageIndexes(indexesOf(s, type)), body]);
    }
    case 'JSON': {
      // Validation sees plain numbers (ajv has no bigint); the text is sent exactly as written.
      const problems = s.json!.check(JSON.parse(text));
      if (problems.length) invalid(what, problems);
      return Buffer.concat([head, Buffer.from(text.trim(), 'utf8')]);
    }
  }
}
