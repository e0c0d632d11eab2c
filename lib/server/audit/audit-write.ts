import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { RouteRule } from '../auth/permissions';
import type { Principal } from '../auth/roles';
import { requestBytes } from '../http/body-limit';
import { appendAudit } from './audit-log';
import { summarizeParams } from './summarize';

/** Bodies larger than this are recorded by size only. */
const MAX_BODY = 64 * 1024;

export interface AuditContext {
  req: NextRequest;
  params: Record<string, string>;
  rule: RouteRule;
  user: Principal | null;
  cluster: ClusterRef;
}

/** The body as the audit line records it: parsed JSON, text, or only its size beyond MAX_BODY. */
export async function peekBody(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > MAX_BODY) return `(${declared} bytes)`;
  const bytes = await requestBytes(req);
  if (!bytes) return '(larger than this route accepts)';
  if (bytes.length > MAX_BODY) return `(more than ${MAX_BODY} bytes)`;
  const text = bytes.toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function auditWrite(ctx: AuditContext, status: number, error?: unknown, body?: unknown): Promise<void> {
  const query = Object.fromEntries([...ctx.req.nextUrl.searchParams].filter(([k]) => k !== 'cluster'));
  const target = ctx.params.name ?? ctx.params.id ?? query.topic ?? null;
  const result = status < 400 ? 'ok' : status === 401 || status === 403 ? 'refused' : 'failed';
  await appendAudit({
    time: new Date().toISOString(),
    user: ctx.user?.name ?? '(not signed in)',
    via: ctx.user?.via ?? 'none',
    cluster: ctx.cluster.id,
    action: ctx.rule.action!.id,
    target: target ?? (body && typeof body === 'object' && 'name' in body ? String((body as { name: unknown }).name) : null),
    params: summarizeParams(ctx.rule.action!.id, query, body),
    status,
    result,
    ...(error ? { error: error instanceof ApiError ? error.message : 'internal error' } : {}),
  });
}
