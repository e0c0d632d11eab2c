/**
 * The standard authorizer (Kafka's StandardAuthorizer semantics):
 * - super users are allowed everything;
 * - the ACLs that apply to a resource are LITERAL ones with its exact name or `*`, and
 *   PREFIXED ones whose name is a prefix of it; an ACL applies to a request when its principal
 *   is the caller's or `User:*` and its host is the caller's address or `*`;
 * - a DENY for the operation (or ALL) wins over any ALLOW;
 * - an ALLOW of the operation, of ALL, or of an operation that implies it (READ, WRITE, DELETE
 *   and ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS) allows it;
 * - a resource no ACL applies to at all is allowed only with allow.everyone.if.no.acl.found.
 */
import { AclStore } from './acl-store.ts';
import { bindingProblem, filterMatches, sameBinding } from './acl-filter.ts';
import {
  AclOperation,
  PatternType,
  PermissionType,
  SUPPORTED_OPERATIONS,
  WILDCARD_HOST,
  WILDCARD_PRINCIPAL,
  WILDCARD_RESOURCE,
  toBitField,
  type AclBinding,
  type AclBindingFilter,
  type AuthzContext,
} from './acl-types.ts';

export interface AuthorizerSettings {
  /** Principals (`User:name`) allowed everything, from Kafka's `super.users` (semicolon list). */
  superUsers: ReadonlySet<string>;
  allowEveryoneIfNoAclFound: boolean;
}

const DESCRIBE_IMPLIED_BY = new Set<number>([AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER]);

function allowGrants(aclOp: number, requested: number): boolean {
  if (aclOp === AclOperation.ALL || aclOp === requested) return true;
  if (requested === AclOperation.DESCRIBE) return DESCRIBE_IMPLIED_BY.has(aclOp);
  return requested === AclOperation.DESCRIBE_CONFIGS && aclOp === AclOperation.ALTER_CONFIGS;
}

function appliesToResource(acl: AclBinding, resourceType: number, name: string): boolean {
  if (acl.resourceType !== resourceType) return false;
  if (acl.patternType === PatternType.LITERAL) return acl.resourceName === name || acl.resourceName === WILDCARD_RESOURCE;
  return acl.patternType === PatternType.PREFIXED && name.startsWith(acl.resourceName);
}

/** Parses Kafka's `super.users`: `User:alice;User:bob`. */
export function parseSuperUsers(value: string | null): Set<string> {
  return new Set(
    (value ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export class Authorizer {
  private acls: AclBinding[];

  constructor(
    private readonly store: AclStore,
    private readonly settings: AuthorizerSettings,
  ) {
    this.acls = store.load();
  }

  static open(dataDir: string, settings: AuthorizerSettings): Authorizer {
    return new Authorizer(new AclStore(dataDir), settings);
  }

  get size(): number {
    return this.acls.length;
  }

  authorize(ctx: AuthzContext, operation: number, resourceType: number, name: string): boolean {
    if (this.settings.superUsers.has(ctx.principal)) return true;
    let anyForResource = false;
    let allowed = false;
    for (const acl of this.acls) {
      if (!appliesToResource(acl, resourceType, name)) continue;
      anyForResource = true;
      if (acl.principal !== ctx.principal && acl.principal !== WILDCARD_PRINCIPAL) continue;
      if (acl.host !== ctx.host && acl.host !== WILDCARD_HOST) continue;
      if (acl.permissionType === PermissionType.DENY) {
        if (acl.operation === operation || acl.operation === AclOperation.ALL) return false;
      } else if (acl.permissionType === PermissionType.ALLOW && allowGrants(acl.operation, operation)) {
        allowed = true;
      }
    }
    return allowed || (!anyForResource && this.settings.allowEveryoneIfNoAclFound);
  }

  /** The authorized-operations bitfield Metadata, DescribeGroups and DescribeCluster report. */
  authorizedOperations(ctx: AuthzContext, resourceType: number, name: string): number {
    const ops = SUPPORTED_OPERATIONS.get(resourceType) ?? [];
    return toBitField(ops.filter((op) => this.authorize(ctx, op, resourceType, name)));
  }

  /** Adds bindings (already-present ones are kept once); answers each one's problem or null. */
  create(bindings: readonly AclBinding[]): (string | null)[] {
    const problems = bindings.map(bindingProblem);
    const next = [...this.acls];
    bindings.forEach((b, i) => {
      if (problems[i] === null && !next.some((a) => sameBinding(a, b))) next.push({ ...b });
    });
    if (next.length !== this.acls.length) {
      this.store.save(next);
      this.acls = next;
    }
    return problems;
  }

  describe(filter: AclBindingFilter): AclBinding[] {
    return this.acls.filter((a) => filterMatches(filter, a));
  }

  /** Removes every binding each filter matches; answers the removed bindings per filter. */
  delete(filters: readonly AclBindingFilter[]): AclBinding[][] {
    const removed = filters.map((f) => this.acls.filter((a) => filterMatches(f, a)));
    const next = this.acls.filter((a) => !filters.some((f) => filterMatches(f, a)));
    if (next.length !== this.acls.length) {
      this.store.save(next);
      this.acls = next;
    }
    return removed;
  }
}
