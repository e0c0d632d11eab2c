/**
 * Kafka's ACL enum names and wire codes (org.apache.kafka.common.acl / resource), shared by the
 * ACL form in the browser and the access layer. Only what an ACL can be created with is listed
 * for choosing; codes outside these tables still display (as their number) when described.
 */
export const ACL_RESOURCE_TYPES = { TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6 } as const;
export const ACL_PATTERN_TYPES = { LITERAL: 3, PREFIXED: 4 } as const;
export const ACL_OPERATIONS = {
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;
export const ACL_PERMISSIONS = { DENY: 2, ALLOW: 3 } as const;

export type AclResourceTypeName = keyof typeof ACL_RESOURCE_TYPES;
export type AclPatternTypeName = keyof typeof ACL_PATTERN_TYPES;
export type AclOperationName = keyof typeof ACL_OPERATIONS;
export type AclPermissionName = keyof typeof ACL_PERMISSIONS;

const EXTRA_NAMES: Record<number, string> = { 7: 'USER', 13: 'CREATE_TOKENS', 14: 'DESCRIBE_TOKENS' };

/** The name for a code in one of the tables above (USER and token operations too), else the number. */
export function aclName(table: Record<string, number>, code: number): string {
  return Object.entries(table).find(([, v]) => v === code)?.[0] ?? EXTRA_NAMES[code] ?? String(code);
}

/** The CLUSTER resource has exactly one name in Kafka. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';
