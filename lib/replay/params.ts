import { z } from 'zod';
import type { DecodedDto, HeaderDto } from '../messages/dto';
import { topicNameSchema } from '../validation';

/**
 * What a replay or redrive job is asked to do, validated at the route boundary and stored with
 * the job. Offsets travel as decimal strings (INT64).
 */
export const PARTITIONINGS = ['same', 'key', 'round-robin'] as const;
export type Partitioning = (typeof PARTITIONINGS)[number];
export const EDIT_FORMATS = ['utf8', 'json', 'base64', 'hex'] as const;

/** A selection may name at most this many single records (a search result, checked records). */
export const MAX_SELECTED_RECORDS = 10_000;

const offsetString = z
  .string()
  .trim()
  .regex(/^\d{1,19}$/, 'Offsets must be whole numbers ≥ 0 (as decimal strings)')
  .refine((v) => BigInt(v) <= 9223372036854775807n, 'Offset is larger than a 64-bit offset can be');
const partitionNumber = z
  .number({ message: 'Partition must be a number' })
  .int('Partition must be a whole number')
  .min(0, 'Partition must be ≥ 0')
  .max(1_000_000);

export const selectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('range'),
    partition: partitionNumber,
    /** first offset (inclusive) */
    from: offsetString,
    /** last offset (inclusive); omitted = up to the partition's end when the job is created */
    to: offsetString.optional(),
  }),
  z.object({
    kind: z.literal('records'),
    records: z
      .array(z.object({ partition: partitionNumber, offset: offsetString }))
      .min(1, 'Select at least one record')
      .max(MAX_SELECTED_RECORDS, `At most ${MAX_SELECTED_RECORDS} records can be selected`),
  }),
]);
export type Selection = z.output<typeof selectionSchema>;

/** Spring Kafka's DeadLetterPublishingRecoverer header names; each can be renamed per job. */
export const SPRING_DLT_HEADERS = {
  topic: 'kafka_dlt-original-topic',
  partition: 'kafka_dlt-original-partition',
  offset: 'kafka_dlt-original-offset',
  exceptionMessage: 'kafka_dlt-exception-message',
  exceptionClass: 'kafka_dlt-exception-fqcn',
} as const;
export type DltHeaderNames = { [K in keyof typeof SPRING_DLT_HEADERS]: string };

const headerName = z.string().min(1, 'Header names cannot be empty').max(255);

/**
 * One change to every replayed record's headers: `set` replaces all headers of that name (or
 * adds one), `add` appends one more (Kafka allows repeated names), `remove` drops all of that name.
 */
export const HEADER_EDIT_OPS = ['set', 'add', 'remove'] as const;
export const headerEditSchema = z
  .object({
    op: z.enum(HEADER_EDIT_OPS, { message: `Header edit op must be one of: ${HEADER_EDIT_OPS.join(', ')}` }),
    key: headerName,
    /** UTF-8 text; required for set and add */
    value: z.string().max(100_000).optional(),
  })
  .refine((e) => e.op === 'remove' || e.value !== undefined, { message: 'A header set or add needs a value', path: ['value'] });
export type HeaderEdit = z.output<typeof headerEditSchema>;

export const editSchema = z
  .object({
    /** absent: keep; null: no key; text: this key for every record */
    key: z.string().max(1_000_000).nullable().optional(),
    keyFormat: z.enum(EDIT_FORMATS).default('utf8'),
    value: z.string().max(10_000_000).nullable().optional(),
    valueFormat: z.enum(EDIT_FORMATS).default('utf8'),
    /** absent: keep the record's headers; a list: these headers instead */
    headers: z
      .array(z.object({ key: headerName, value: z.string().max(100_000) }))
      .max(100)
      .optional(),
    /** changes to each record's headers, applied in order after `headers` */
    headerEdits: z.array(headerEditSchema).max(100).optional(),
  })
  .default({ keyFormat: 'utf8', valueFormat: 'utf8' });

export const jobSpecSchema = z
  .object({
    mode: z.enum(['replay', 'redrive']).default('replay'),
    /** the topic the records are read from (the dead-letter topic for a redrive) */
    topic: topicNameSchema,
    selection: selectionSchema,
    /** replay only: where the records go (the source topic when omitted) */
    targetTopic: topicNameSchema.optional(),
    partitioning: z.enum(PARTITIONINGS, { message: `Partitioning must be one of: ${PARTITIONINGS.join(', ')}` }).default('same'),
    edit: editSchema,
    /** records per second; absent = as fast as the cluster takes them */
    ratePerSec: z.number().int('Rate must be a whole number').min(1, 'Rate must be at least 1 record/s').max(1_000_000).optional(),
    /** redrive only: header names carrying the origin (Spring Kafka's by default) */
    dltHeaders: z
      .object({ topic: headerName, partition: headerName, offset: headerName, exceptionMessage: headerName, exceptionClass: headerName })
      .partial()
      .optional(),
    /** redrive only: keep the dead-letter headers on the re-sent records (removed by default) */
    keepDltHeaders: z.boolean().default(false),
    isolation: z.enum(['read_committed', 'read_uncommitted']).default('read_committed'),
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'redrive' && s.targetTopic !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['targetTopic'],
        message: 'A redrive sends each record back to the topic named in its origin header; targetTopic is for replays',
      });
    if (s.selection.kind === 'range' && s.selection.to !== undefined && BigInt(s.selection.to) < BigInt(s.selection.from)) {
      ctx.addIssue({ code: 'custom', path: ['selection', 'to'], message: 'The last offset must not be below the first' });
    }
  });
export type JobSpec = z.output<typeof jobSpecSchema>;
export type JobSpecInput = z.input<typeof jobSpecSchema>;

export const jobIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Job id must be the id the console gave the job');

export const JOB_STATES = ['running', 'cancelling', 'cancelled', 'interrupted', 'failed', 'done'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One job as the API shows it. */
export interface ReplayJobDto {
  id: string;
  cluster: string;
  spec: JobSpec;
  state: JobState;
  /** records in the selection's offsets (an upper bound: compaction leaves gaps) */
  offsets: string;
  produced: number;
  /** records left out: without an origin header (redrive), or gone from the log */
  skipped: number;
  /** records a resume found already written by the run before it, and did not send again */
  recovered: number;
  /** the idempotent producer was used (the cluster supports it) */
  idempotent: boolean;
  /** where the job continues: the selection's segment and the next offset in it */
  cursor: { segment: number; offset: string };
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  error?: string;
}

/** One record as it would be produced. */
export interface PreviewRecordDto {
  source: { partition: number; offset: string };
  topic: string;
  /** null: chosen by the key's hash at send time is not possible, so this is always the exact partition */
  partition: number;
  key: string | null;
  value: string | null;
  headers: { key: string; value: string }[];
  origin?: DltOriginDto;
  /** key, value and headers decoded as the message view decodes them (JSON, Avro, Protobuf, hex for binary) */
  decoded?: { key: DecodedDto | null; value: DecodedDto | null; headers: HeaderDto[] };
}

export interface DltOriginDto {
  topic: string | null;
  partition: number | null;
  offset: string | null;
  exceptionMessage: string | null;
  exceptionClass: string | null;
}

/** Answer of POST /api/replay/preview: the first records and the dry-run count. */
export interface ReplayPreviewDto {
  records: PreviewRecordDto[];
  /** records that would be produced */
  count: number;
  skipped: number;
  /** false when the dry run stopped at its budget: count is then a lower bound */
  exact: boolean;
  /** records per target topic */
  targets: Record<string, number>;
  /** the selection's offsets (upper bound of the count) */
  offsets: string;
}
