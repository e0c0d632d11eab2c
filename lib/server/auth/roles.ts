import type { Permission } from './permissions';

/** Roles per cluster, each including the one before it. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking. Roles are keyed by cluster id; "*" applies to clusters not named. */
export interface Principal {
  name: string;
  roles: Record<string, Role>;
  /** may see message contents (browse, search, tail) */
  messages: boolean;
  /** how the user signed in; "none" when login is off and everyone is admin */
  via: 'users' | 'oidc' | 'none';
}

export const ANONYMOUS_ADMIN: Principal = { name: 'anonymous', roles: { '*': 'admin' }, messages: true, via: 'none' };

const rank = (r: Role | undefined): number => (r ? ROLES.indexOf(r) : -1);

export function roleOn(p: Principal, clusterId: string): Role | undefined {
  return p.roles[clusterId] ?? p.roles['*'];
}

/** The role a permission needs; undefined when no cluster role is involved. */
export function neededRole(permission: Permission): Role | undefined {
  switch (permission) {
    case 'read':
    case 'messages':
      return 'viewer';
    case 'operate':
      return 'operator';
    case 'admin':
      return 'admin';
    default:
      return undefined;
  }
}

export function hasRole(p: Principal, clusterId: string, needed: Role): boolean {
  return rank(roleOn(p, clusterId)) >= rank(needed);
}

/** Merges role grants (several groups of one OIDC user): the higher role wins per cluster. */
export function mergeRoles(grants: Record<string, Role>[]): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const g of grants) for (const [cluster, role] of Object.entries(g)) if (rank(role) > rank(out[cluster])) out[cluster] = role;
  return out;
}
