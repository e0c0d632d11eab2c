import type { Reader } from '../protocol/reader.ts';
import type { Writer } from '../protocol/writer.ts';
import type { Broker } from '../broker.ts';
import type { ConnectionSession } from '../session.ts';

/** Returned by a handler when the protocol says no response is sent (Produce with acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('no-response');

export interface RequestInfo {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
  readonly clientHost: string;
  /** Aborted when the client's connection closes, so long polls can stop early. */
  readonly signal: AbortSignal;
  /** The connection's listener and authentication state. */
  readonly session: ConnectionSession;
}

export interface HandlerContext {
  readonly broker: Broker;
  readonly request: RequestInfo;
  readonly version: number;
}

export type HandlerResult<Res> = Res | typeof NO_RESPONSE;

/** One Kafka API: its supported version range, its codecs and its behaviour. */
export interface Handler<Req, Res> {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
  decode(r: Reader, version: number): Req;
  encode(w: Writer, version: number, response: Res): void;
  handle(request: Req, ctx: HandlerContext): HandlerResult<Res> | Promise<HandlerResult<Res>>;
  /** Whether the API is offered by this broker's configuration (SASL APIs only with SASL). */
  enabled?(broker: Broker): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = Handler<any, any>;

export function defineHandler<Req, Res>(handler: Handler<Req, Res>): Handler<Req, Res> {
  return handler;
}
