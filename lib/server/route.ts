import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { ApiError } from '../api-error';
import type { ClusterRef } from '../dto';
import { clusterParamSchema, describeZodError } from '../validation';
import { guard } from './auth/guard';
import { resolveCluster } from './clusters';
import { bodyLimit, readLimitedBody } from './http/body-limit';
import { contentTypeRefusal } from './http/origin-check';

/**
 * Wraps a route handler: resolves `?cluster=`, turns every thrown error into the console's
 * JSON error body with the status its code maps to, and never caches.
 */
export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  cluster: ClusterRef;
}

type Handler<P> = (ctx: RouteContext<P>) => Promise<unknown>;

export function errorResponse(e: unknown): NextResponse {
  const err = e instanceof ApiError ? e : new ApiError('internal', e instanceof Error ? e.message : String(e));
  if (err.code === 'internal') console.error('[kayak] internal error:', e);
  return NextResponse.json(err.toJSON(), { status: err.status, headers: { 'cache-control': 'no-store' } });
}

export function route<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>, okStatus = 200) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<NextResponse> => {
    try {
      // Next has already decoded the path parameters: decoding again would turn a group named
      // "%41" into "A" (and act on the wrong group) and fail on a "%" that is not an escape.
      const params = (await ctx.params) ?? ({} as P);
      const clusterId = parse(clusterParamSchema, req.nextUrl.searchParams.get('cluster') ?? undefined);
      // Login, the role the permission table asks for, and the audit line for writes.
      const body = await guard(
        req,
        params,
        () => resolveCluster(clusterId),
        (cluster) => handler({ req, params, cluster }),
        okStatus,
      );
      if (body === undefined) return new NextResponse(null, { status: 204 });
      // Streams (server-sent events) and downloads are answered as they are.
      if (body instanceof Response) return body as NextResponse;
      return NextResponse.json(body, { status: okStatus, headers: { 'cache-control': 'no-store' } });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** Validates `value` with `schema`, throwing a 400 ApiError with readable messages. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { message, details } = describeZodError(result.error);
    throw new ApiError('bad_request', message, details);
  }
  return result.data;
}

/**
 * The request's JSON body, read within `limit` bytes (413 beyond). middleware.ts already refuses
 * other content types; checking again here keeps a route safe if the middleware's matcher changes.
 */
export async function jsonBody(req: NextRequest, limit = bodyLimit()): Promise<unknown> {
  const badType = contentTypeRefusal(req.method, req.headers);
  if (badType) throw new ApiError('unsupported_media_type', badType);
  const text = await readLimitedBody(req, limit);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError('bad_request', `Request body must be valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
