import { z } from 'zod';
import { ACL_OPERATIONS, ACL_PATTERN_TYPES, ACL_PERMISSIONS, ACL_RESOURCE_TYPES, CLUSTER_RESOURCE_NAME } from './acl-names';

/** Kafka's own rule (kafka.common.internals.Topic): 1-249 of [a-zA-Z0-9._-], not "." or "..". */
export const topicNameSchema = z
  .string()
  .min(1, 'Topic name is required')
  .max(249, 'Topic name must be at most 249 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'Topic name may only contain letters, digits, ".", "_" and "-"')
  .refine((n) => n !== '.' && n !== '..', 'Topic name cannot be "." or ".."');

export const groupIdSchema = z.string().min(1, 'Group id is required').max(255, 'Group id must be at most 255 characters');

/** A broker id as Kafka's node.id: a non-negative INT32, written in decimal. */
export const brokerIdSchema = z
  .string()
  .regex(/^\d{1,10}$/, 'Broker id must be a whole number, like 1')
  .transform(Number)
  .refine((n) => n <= 2147483647, 'Broker id must be at most 2147483647');

export const configNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'Config names look like "retention.ms"');

const int64String = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,19}$/.test(v), 'Must be a whole number')
  .refine((v) => !/^-?\d+$/.test(v) || (BigInt(v) <= 9223372036854775807n && BigInt(v) >= -9223372036854775808n), 'Must fit in a 64-bit offset');

export const createTopicSchema = z.object({
  name: topicNameSchema,
  partitions: z.number().int('Partitions must be a whole number').min(1, 'At least 1 partition').max(10000, 'At most 10000 partitions'),
  replicationFactor: z
    .number()
    .int('Replication factor must be a whole number')
    .min(1, 'Replication factor must be at least 1')
    .max(32, 'Replication factor must be at most 32'),
  configs: z.record(configNameSchema, z.string().max(10000)).default({}),
});
export type CreateTopicInput = z.input<typeof createTopicSchema>;

export const alterConfigsSchema = z.object({
  set: z.record(configNameSchema, z.string().max(10000)).default({}),
  reset: z.array(configNameSchema).default([]),
});
export type AlterConfigsInput = z.input<typeof alterConfigsSchema>;

export const addPartitionsSchema = z.object({
  count: z.number().int('Partition count must be a whole number').min(1).max(10000, 'At most 10000 partitions'),
});

export const resetStrategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('earliest') }),
  z.object({ type: z.literal('latest') }),
  z.object({ type: z.literal('timestamp'), timestamp: int64String.refine((v) => !v.startsWith('-'), 'Timestamp must be ≥ 0 (ms since epoch)') }),
  z.object({ type: z.literal('offset'), offset: int64String.refine((v) => !v.startsWith('-'), 'Offset must be ≥ 0') }),
  z.object({ type: z.literal('shift'), by: int64String }),
]);
export type ResetStrategy = z.output<typeof resetStrategySchema>;

export const resetPreviewSchema = z
  .object({
    strategy: resetStrategySchema,
    topic: topicNameSchema.optional(),
    partition: z.number().int('Partition must be a whole number').min(0, 'Partition must be ≥ 0').max(2147483647, 'Partition is out of range').optional(),
  })
  .refine((v) => v.partition === undefined || v.topic !== undefined, { message: 'A partition needs a topic', path: ['partition'] });
export type ResetPreviewInput = z.input<typeof resetPreviewSchema>;

export const resetApplySchema = z.object({
  offsets: z
    .array(
      z.object({
        topic: topicNameSchema,
        partition: z.number().int('Partition must be a whole number').min(0, 'Partition must be ≥ 0').max(2147483647, 'Partition is out of range'),
        offset: int64String.refine((v) => !v.startsWith('-'), 'Offset must be ≥ 0'),
      }),
    )
    .min(1, 'Nothing to apply'),
});
export type ResetApplyInput = z.input<typeof resetApplySchema>;

export const clusterParamSchema = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,64}$/, 'Unknown cluster id')
  .optional();

/** Turns a ZodError into one readable sentence plus per-field details. */
export function describeZodError(error: z.ZodError): { message: string; details: string[] } {
  const details = error.issues.map((i) => {
    // A bad record key (a config name) carries the key's own rule one level down.
    const message = i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message;
    return i.path.length ? `${i.path.join('.')}: ${message}` : message;
  });
  return { message: details[0] ?? 'Invalid input', details };
}

const aclNameOf = <T extends Record<string, number>>(table: T, what: string) =>
  z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]], { message: `${what} must be one of ${Object.keys(table).join(', ')}` });

/** One ACL binding, as the create and delete forms send it. */
export const aclSchema = z
  .object({
    resourceType: aclNameOf(ACL_RESOURCE_TYPES, 'Resource type'),
    resourceName: z.string().trim().min(1, 'Resource name is required (use * for every resource)').max(255, 'Resource name must be at most 255 characters'),
    patternType: aclNameOf(ACL_PATTERN_TYPES, 'Pattern type').default('LITERAL'),
    principal: z
      .string()
      .trim()
      .regex(/^[^:\s]+:\S.*$/, 'Principal looks like User:alice (or User:* for everyone)')
      .max(255, 'Principal must be at most 255 characters'),
    host: z
      .string()
      .trim()
      .default('*')
      .refine((h) => h === '*' || z.ipv4().safeParse(h).success || z.ipv6().safeParse(h).success, 'Host must be * or an IP address'),
    operation: aclNameOf(ACL_OPERATIONS, 'Operation'),
    permission: aclNameOf(ACL_PERMISSIONS, 'Permission'),
  })
  .refine((a) => a.resourceType !== 'CLUSTER' || a.resourceName === CLUSTER_RESOURCE_NAME, {
    message: `The CLUSTER resource is named ${CLUSTER_RESOURCE_NAME}`,
    path: ['resourceName'],
  });
export type AclInput = z.input<typeof aclSchema>;

export const loginSchema = z.object({
  name: z.string().min(1, 'Enter your user name').max(200),
  password: z.string().min(1, 'Enter your password').max(1000),
});
