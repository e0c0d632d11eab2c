import { z } from 'zod';
import { FORMATS, ISOLATIONS, type FormatName, type Isolation } from './dto';

/**
 * Query parameters of the message routes, validated at the route boundary. Names follow
 * Kafdrop's `/topic/{name}/messages?partition=&offset=&count=&format=` so its URLs keep working.
 */
export const MAX_COUNT = 1000;

const KAFDROP_FORMATS: Record<string, FormatName> = { default: 'auto', string: 'utf8', text: 'utf8' };

export const formatSchema = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .transform((v) => KAFDROP_FORMATS[v] ?? v)
  .refine((v): v is FormatName => (FORMATS as readonly string[]).includes(v), `Format must be one of: ${FORMATS.join(', ')}`)
  .transform((v) => v as FormatName);

export const partitionParamSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || v === 'all' || /^\d{1,9}$/.test(v), 'Partition must be a whole number ≥ 0 or "all"')
  .transform((v) => (v === '' || v === 'all' ? null : Number(v)));

/** An offset: a whole number ≥ 0, or oldest/newest (earliest/latest are accepted too). */
export const offsetParamSchema = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase())
  .refine((v) => /^\d{1,19}$/.test(v) || ['oldest', 'newest', 'earliest', 'latest'].includes(v), 'Offset must be a whole number ≥ 0, "oldest" or "newest"')
  .refine((v) => !/^\d+$/.test(v) || BigInt(v) <= 9223372036854775807n, 'Offset is larger than a 64-bit offset can be')
  .transform((v): bigint | 'oldest' | 'newest' => (v === 'earliest' || v === 'oldest' ? 'oldest' : v === 'latest' || v === 'newest' ? 'newest' : BigInt(v)));

/** Milliseconds since the epoch, or an ISO-8601 date-time. */
export const timestampParamSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (/^\d{1,15}$/.test(v)) return BigInt(v);
    const ms = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(ms) || ms < 0) {
      ctx.addIssue({ code: 'custom', message: 'Timestamp must be milliseconds since the epoch or an ISO-8601 date such as 2024-05-01T12:00:00Z' });
      return z.NEVER;
    }
    return BigInt(ms);
  });

/** read_committed (the default) or read_uncommitted, as Kafka's isolation.level is spelled. */
export const isolationParamSchema = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase().replace(/-/g, '_'))
  .refine((v): v is Isolation => (ISOLATIONS as readonly string[]).includes(v), `isolation must be one of: ${ISOLATIONS.join(', ')}`)
  .transform((v) => v as Isolation);

export const countParamSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{1,7}$/.test(v), 'Count must be a whole number')
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_COUNT, `Count must be between 1 and ${MAX_COUNT}`);

export const maxCharsSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{1,9}$/.test(v), 'maxChars must be a whole number (0 = no limit)')
  .transform(Number);

/** "0:123,1:456": where a whole-topic page continues. */
export const cursorSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\d{1,9}:\d{1,19}(,\d{1,9}:\d{1,19})*$/.test(v), 'Cursor must look like "0:123,1:456"')
  .transform(
    (v) =>
      new Map(
        v
          ? v.split(',').map((p) => {
              const [a, b] = p.split(':');
              return [Number(a), BigInt(b!)] as [number, bigint];
            })
          : [],
      ),
  );

export const protoTypeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/, 'Protobuf type must be a full message name such as shop.Order');

/** An Avro schema file's name (without .avsc) in KAYAK_AVRO_SCHEMA_DIR. */
export const avroSchemaParamSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/, 'Avro schema must be the name of a .avsc file (letters, digits, _ . -)');

export const MATCH_OPS = ['contains', 'equals', 'regex'] as const;
export type MatchOp = (typeof MATCH_OPS)[number];
export const matchOpSchema = z.enum(MATCH_OPS, { message: `Match must be one of: ${MATCH_OPS.join(', ')}` });

export const positiveIntSchema = (what: string, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d{1,12}$/.test(v), `${what} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `${what} must be between 1 and ${max}`);

/** Produce through a registry schema: the key or value is JSON, written in Confluent's wire format. */
const schemaChoiceSchema = z.object({
  subject: z.string().min(1, 'Subject cannot be empty').max(255),
  version: z.number().int().min(1, 'Version must be ≥ 1').optional(),
  messageType: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/, 'messageType must be a full protobuf message name')
    .optional(),
});

export const produceSchema = z.object({
  partition: z.number().int('Partition must be a whole number').min(0, 'Partition must be ≥ 0').nullable().optional(),
  key: z.string().max(1_000_000).nullable().optional(),
  value: z.string().max(10_000_000).nullable().optional(),
  keyFormat: z.enum(['utf8', 'json', 'base64', 'hex', 'msgpack']).default('utf8'),
  valueFormat: z.enum(['utf8', 'json', 'base64', 'hex', 'msgpack']).default('utf8'),
  headers: z
    .array(z.object({ key: z.string().min(1, 'Header keys cannot be empty').max(1000), value: z.string().max(100_000).nullable() }))
    .max(100)
    .default([]),
  keySchema: schemaChoiceSchema.optional(),
  valueSchema: schemaChoiceSchema.optional(),
});
export type ProduceInput = z.input<typeof produceSchema>;
export type ProduceFormat = z.output<typeof produceSchema>['valueFormat'];
