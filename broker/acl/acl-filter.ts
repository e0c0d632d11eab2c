/**
 * Filter matching and validation as Kafka's AclBindingFilter, ResourcePatternFilter and
 * AccessControlEntryFilter define them, and the checks CreateAcls applies to new bindings.
 */
import {
  AclOperation,
  CLUSTER_NAME,
  PatternType,
  PermissionType,
  ResourceType,
  WILDCARD_RESOURCE,
  type AclBinding,
  type AclBindingFilter,
} from './acl-types.ts';

const known = (codes: Record<string, number>, code: number): boolean => Object.values(codes).includes(code) && code !== 0;

/** A filter with an UNKNOWN (or out-of-range) code cannot match anything and is refused. */
export function filterProblem(f: AclBindingFilter): string | null {
  if (!known(ResourceType, f.resourceType)) return `Invalid resourceType ${f.resourceType}`;
  if (!known(PatternType, f.patternType)) return `Invalid patternType ${f.patternType}`;
  if (!known(AclOperation, f.operation)) return `Invalid operation ${f.operation}`;
  if (!known(PermissionType, f.permissionType)) return `Invalid permissionType ${f.permissionType}`;
  return null;
}

function patternMatches(f: AclBindingFilter, b: AclBinding): boolean {
  if (f.resourceType !== ResourceType.ANY && f.resourceType !== b.resourceType) return false;
  if (f.patternType !== PatternType.ANY && f.patternType !== PatternType.MATCH && f.patternType !== b.patternType) return false;
  if (f.resourceName === null) return true;
  if (f.patternType === PatternType.ANY || f.patternType === b.patternType) return f.resourceName === b.resourceName;
  // MATCH: every pattern that would apply to a resource of this name.
  if (b.patternType === PatternType.LITERAL) return f.resourceName === b.resourceName || b.resourceName === WILDCARD_RESOURCE;
  if (b.patternType === PatternType.PREFIXED) return f.resourceName.startsWith(b.resourceName);
  return false;
}

export function filterMatches(f: AclBindingFilter, b: AclBinding): boolean {
  if (!patternMatches(f, b)) return false;
  if (f.principal !== null && f.principal !== b.principal) return false;
  if (f.host !== null && f.host !== b.host) return false;
  if (f.operation !== AclOperation.ANY && f.operation !== b.operation) return false;
  return f.permissionType === PermissionType.ANY || f.permissionType === b.permissionType;
}

/** Kafka principals are `Type:name` (User:alice, User:*); the type must be there. */
export function isValidPrincipal(principal: string): boolean {
  const at = principal.indexOf(':');
  return at > 0 && at < principal.length - 1;
}

/** Why CreateAcls refuses a binding (INVALID_REQUEST), or null when it can be stored. */
export function bindingProblem(b: AclBinding): string | null {
  if (b.patternType !== PatternType.LITERAL && b.patternType !== PatternType.PREFIXED) return `Invalid patternType ${b.patternType}`;
  if (!known(ResourceType, b.resourceType) || b.resourceType === ResourceType.ANY) return `Invalid resourceType ${b.resourceType}`;
  if (!known(AclOperation, b.operation) || b.operation === AclOperation.ANY) return `Invalid operation ${b.operation}`;
  if (b.permissionType !== PermissionType.ALLOW && b.permissionType !== PermissionType.DENY) return `Invalid permissionType ${b.permissionType}`;
  if (b.resourceType === ResourceType.CLUSTER && b.resourceName !== CLUSTER_NAME) return `The only valid name for the CLUSTER resource is ${CLUSTER_NAME}`;
  if (b.resourceName === '') return 'Invalid empty resource name specified';
  if (!isValidPrincipal(b.principal))
    return `Could not parse principal from \`${b.principal}\` (no colon is present separating the principal type from the principal name)`;
  if (b.host === '') return 'Invalid empty host specified';
  return null;
}

export const sameBinding = (a: AclBinding, b: AclBinding): boolean =>
  a.resourceType === b.resourceType &&
  a.resourceName === b.resourceName &&
  a.patternType === b.patternType &&
  a.principal === b.principal &&
  a.host === b.host &&
  a.operation === b.operation &&
  a.permissionType === b.permissionType;
