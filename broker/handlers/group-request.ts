/** Small helpers shared by the group handlers. */
import type { HandlerContext } from './handler.ts';

/** Kafka reports a member's host as `InetAddress.toString()`, i.e. with a leading slash. */
export function clientHostOf(ctx: HandlerContext): string {
  return `/${ctx.request.clientHost.replace(/^::ffff:/, '')}`;
}

export function clientIdOf(ctx: HandlerContext): string {
  return ctx.request.clientId ?? '';
}
