import 'server-only';
import { ApiError } from '../../api-error';

/**
 * Which logins the console accepts. KAYAK_AUTH=none|users|oidc|users,oidc decides; unset, login
 * is on as soon as it is configured (KAYAK_USERS_FILE, KAYAK_OIDC_ISSUER) and off otherwise, in
 * which case everyone is admin, as before login existed.
 */
export interface AuthMethods {
  users: boolean;
  oidc: boolean;
}

export function authMethods(env: NodeJS.ProcessEnv = process.env): AuthMethods {
  const explicit = env.KAYAK_AUTH?.trim().toLowerCase();
  if (!explicit) return { users: Boolean(env.KAYAK_USERS_FILE?.trim()), oidc: Boolean(env.KAYAK_OIDC_ISSUER?.trim()) };
  const parts = explicit.split(/[\s,+]+/).filter(Boolean);
  const unknown = parts.filter((p) => !['none', 'users', 'oidc'].includes(p));
  if (unknown.length > 0 || (parts.includes('none') && parts.length > 1)) {
    throw new ApiError('internal', `Console configuration error: KAYAK_AUTH must be none, users, oidc or users,oidc (got "${env.KAYAK_AUTH}")`);
  }
  const methods = { users: parts.includes('users'), oidc: parts.includes('oidc') };
  if (methods.users && !env.KAYAK_USERS_FILE?.trim()) throw new ApiError('internal', 'Console configuration error: KAYAK_AUTH=users needs KAYAK_USERS_FILE');
  if (methods.oidc && !env.KAYAK_OIDC_ISSUER?.trim()) throw new ApiError('internal', 'Console configuration error: KAYAK_AUTH=oidc needs KAYAK_OIDC_ISSUER');
  return methods;
}

export function authEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const m = authMethods(env);
  return m.users || m.oidc;
}

/** Session lifetime: KAYAK_SESSION_HOURS, 8 by default. */
export function sessionSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.KAYAK_SESSION_HOURS ?? 8);
  return Math.round((Number.isFinite(hours) && hours > 0 ? hours : 8) * 3600);
}
