import 'server-only';
import type { ActionId, MeDto } from '../../auth-dto';
import type { ClusterRef } from '../../dto';
import { readOnly } from '../read-only';
import { authMethods } from './config';
import { findRule, ROUTE_RULES } from './permissions';
import { hasRole, neededRole, roleOn, type Principal } from './roles';

/** The UI's view of the permission table for one user on one cluster. */
export function describeAccess(user: Principal | null, cluster: ClusterRef): MeDto {
  const methods = authMethods();
  const allowed = (permission: Parameters<typeof neededRole>[0]): boolean => {
    const needed = neededRole(permission);
    return Boolean(user && (!needed || hasRole(user, cluster.id, needed)));
  };
  const can = { messages: allowed('messages') && Boolean(user?.messages), audit: allowed(findRule('GET', '/api/audit')!.permission) } as MeDto['can'];
  for (const r of ROUTE_RULES) if (r.action) can[r.action.id as ActionId] = !readOnly() && allowed(r.permission);
  return {
    loginEnabled: methods.users || methods.oidc,
    methods: { password: methods.users, oidc: methods.oidc },
    user: user ? { name: user.name, via: user.via } : null,
    cluster: cluster.id,
    role: user ? (roleOn(user, cluster.id) ?? null) : null,
    readOnly: readOnly(),
    can,
  };
}
