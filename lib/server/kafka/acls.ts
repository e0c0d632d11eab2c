import 'server-only';
import type { Admin } from 'kafkajs';
import type { AclDto, AclListDto, ClusterRef } from '../../dto';
import { ApiError } from '../../api-error';
import { ACL_OPERATIONS, ACL_PATTERN_TYPES, ACL_PERMISSIONS, ACL_RESOURCE_TYPES, aclName } from '../../acl-names';
import type { AclInput } from '../../validation';
import { withAdmin } from './admin';

/**
 * ACLs through the cluster's own DescribeAcls/CreateAcls/DeleteAcls, so the page works against
 * any Kafka cluster. A cluster without an authorizer answers SECURITY_DISABLED: the list then says
 * so instead of showing an empty table, and writes are refused with that reason.
 */
const ANY = 1;
const NO_AUTHORIZER =
  'This cluster has no authorizer, so ACLs are neither stored nor enforced. Set authorizer.class.name on the brokers (for the bundled broker: --config authorizer.class.name=standard) to use ACLs.';

function isSecurityDisabled(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && typeof cur === 'object' && i < 10; i++) {
    const link = cur as { type?: string; originalError?: unknown; cause?: unknown; errors?: unknown[] };
    if (link.type === 'SECURITY_DISABLED') return true;
    cur = link.originalError ?? link.cause ?? link.errors?.[0];
  }
  return false;
}

/** Runs an ACL call; SECURITY_DISABLED comes back as null instead of an error. */
async function unlessDisabled<T>(cluster: ClusterRef, fn: (admin: Admin) => Promise<T>): Promise<T | null> {
  // kafkajs wraps protocol errors, and withAdmin maps what it knows; catch inside to see the original.
  return withAdmin(cluster, async (admin) => {
    try {
      return await fn(admin);
    } catch (e) {
      if (isSecurityDisabled(e)) return null;
      throw e;
    }
  });
}

const matchAll = { resourceType: ANY, resourcePatternType: ANY, operation: ANY, permissionType: ANY };

function codes(acl: ReturnType<typeof normalized>) {
  return {
    resourceType: ACL_RESOURCE_TYPES[acl.resourceType],
    resourceName: acl.resourceName,
    resourcePatternType: ACL_PATTERN_TYPES[acl.patternType],
    principal: acl.principal,
    host: acl.host,
    operation: ACL_OPERATIONS[acl.operation],
    permissionType: ACL_PERMISSIONS[acl.permission],
  };
}

function normalized(acl: AclInput) {
  return { ...acl, patternType: acl.patternType ?? 'LITERAL', host: acl.host ?? '*' };
}

export interface AclQuery {
  /** Case-insensitive substring of the principal. */
  principal?: string;
  /** Case-insensitive substring of the resource name. */
  resource?: string;
}

export async function listAcls(cluster: ClusterRef, query: AclQuery = {}): Promise<AclListDto> {
  const described = await unlessDisabled(cluster, (admin) => admin.describeAcls(matchAll as never));
  if (described === null) return { authorizer: false, message: NO_AUTHORIZER, acls: [] };
  const principal = query.principal?.trim().toLowerCase() ?? '';
  const resource = query.resource?.trim().toLowerCase() ?? '';
  const acls: AclDto[] = described.resources.flatMap((r) =>
    r.acls.map((a) => ({
      resourceType: aclName(ACL_RESOURCE_TYPES, r.resourceType),
      resourceName: r.resourceName,
      patternType: aclName(ACL_PATTERN_TYPES, r.resourcePatternType),
      principal: a.principal,
      host: a.host,
      operation: aclName(ACL_OPERATIONS, a.operation),
      permission: aclName(ACL_PERMISSIONS, a.permissionType),
    })),
  );
  const shown = acls
    .filter((a) => a.principal.toLowerCase().includes(principal) && a.resourceName.toLowerCase().includes(resource))
    .sort((a, b) =>
      `${a.resourceType}\0${a.resourceName}\0${a.principal}\0${a.operation}`.localeCompare(
        `${b.resourceType}\0${b.resourceName}\0${b.principal}\0${b.operation}`,
      ),
    );
  return { authorizer: true, message: null, acls: shown };
}

export async function createAcl(cluster: ClusterRef, acl: AclInput): Promise<void> {
  const done = await unlessDisabled(cluster, (admin) => admin.createAcls({ acl: [codes(normalized(acl))] as never }));
  if (done === null) throw new ApiError('bad_request', NO_AUTHORIZER);
}

/** Deletes exactly this binding; answers how many were removed (0 when it did not exist). */
export async function deleteAcl(cluster: ClusterRef, acl: AclInput): Promise<number> {
  const result = await unlessDisabled(cluster, (admin) => admin.deleteAcls({ filters: [codes(normalized(acl))] as never }));
  if (result === null) throw new ApiError('bad_request', NO_AUTHORIZER);
  return result.filterResponses.reduce((n, f) => n + f.matchingAcls.length, 0);
}
