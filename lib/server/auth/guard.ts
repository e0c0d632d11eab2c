import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { auditWrite, peekBody } from '../audit/audit-write';
import { currentUser } from './current-user';
import { findRule, type RouteRule } from './permissions';
import { hasRole, neededRole, roleOn, type Principal } from './roles';

/** Refuses the request unless the permission table allows it for this user on this cluster. */
export function authorize(rule: RouteRule | undefined, user: Principal | null, cluster: ClusterRef, pathname: string): void {
  if (!rule) throw new ApiError('forbidden', `No permission is defined for this route (${pathname}); it is refused`);
  if (rule.permission === 'public') return;
  if (!user) throw new ApiError('unauthorized', 'Sign in first');
  const needed = neededRole(rule.permission);
  if (!needed) return;
  const what = rule.action?.label ?? (rule.permission === 'messages' ? 'Reading messages' : 'This');
  if (!hasRole(user, cluster.id, needed)) {
    const has = roleOn(user, cluster.id);
    throw new ApiError('forbidden', `${what} needs the ${needed} role on cluster "${cluster.name}"; ${user.name} is ${has ? `${has}` : 'not allowed on it'}`);
  }
  if (rule.permission === 'messages' && !user.messages) throw new ApiError('forbidden', `${user.name} may not see message contents`);
}

/**
 * Runs a route handler behind the permission table: authenticates, resolves the cluster,
 * authorizes, and for writes appends one audit line with the outcome, refusals included.
 */
export async function guard<T>(
  req: NextRequest,
  params: Record<string, string>,
  resolve: () => ClusterRef,
  run: (cluster: ClusterRef) => Promise<T>,
  okStatus = 200,
): Promise<T> {
  const pathname = req.nextUrl.pathname;
  const rule = findRule(req.method, pathname);
  const user = rule?.permission === 'public' ? null : await currentUser(req);
  const body = rule?.action ? await peekBody(req) : undefined;
  // Who is asking is settled before the cluster is looked up, so strangers learn nothing about it.
  if (rule && rule.permission !== 'public' && !user) {
    const err = new ApiError('unauthorized', 'Sign in first');
    if (rule.action) {
      const id = req.nextUrl.searchParams.get('cluster') ?? '(default)';
      await auditWrite({ req, params, rule, user, cluster: { id, name: id, brokers: [] } }, err.status, err, body);
    }
    throw err;
  }
  const cluster = resolve();
  const audited = rule?.action ? { req, params, rule, user, cluster } : null;
  try {
    authorize(rule, user, cluster, pathname);
    const result = await run(cluster);
    if (audited) await auditWrite(audited, result instanceof Response ? result.status : okStatus, undefined, body);
    return result;
  } catch (e) {
    if (audited) await auditWrite(audited, e instanceof ApiError ? e.status : 500, e, body);
    throw e;
  }
}
