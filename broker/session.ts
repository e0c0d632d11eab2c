/**
 * Per-connection state: which listener it arrived on (its advertised address is what Metadata
 * returns to this client) and where it is in SASL authentication.
 */
import type { SecurityProtocol } from './listeners.ts';
import type { SaslExchange } from './sasl/mechanism.ts';

export interface BoundListener {
  protocol: SecurityProtocol;
  /** Host and port clients on this listener are told to connect to. */
  advertisedHost: string;
  port: number;
}

export class ConnectionSession {
  /** True once SASL succeeded, or from the start on listeners without SASL. */
  authenticated: boolean;
  principal: string | null = null;
  /** The SASL exchange started by SaslHandshake, if any. */
  exchange: SaslExchange | null = null;
  /** After SaslHandshake v0 the client sends bare SASL tokens instead of SaslAuthenticate requests. */
  rawTokens = false;
  /** Set when a failed login must close the connection right after its reply. */
  closeAfterReply = false;
  /** A login failed: the reply (or close) waits connection.failed.authentication.delay.ms. */
  loginFailed = false;

  constructor(
    readonly listener: BoundListener,
    requiresSasl: boolean,
  ) {
    this.authenticated = !requiresSasl;
  }
}
