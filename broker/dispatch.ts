/**
 * The single dispatch point: header → handler → response frame. Protocol-level problems
 * travel as error codes inside responses; only a frame that cannot be parsed (or a request
 * for an API or version this broker does not speak) closes the connection, as Kafka does.
 * On SASL listeners nothing but ApiVersions and the SASL exchange is served before login.
 */
import type { Broker } from './broker.ts';
import { HANDLERS } from './handlers/index.ts';
import { NO_RESPONSE } from './handlers/handler.ts';
import { encodeResponseFrame, readRequestHeader } from './protocol/frame.ts';
import { ProtocolParseError } from './protocol/reader.ts';
import { unsupportedApiVersionsResponse, API_VERSIONS_KEY } from './handlers/18-api-versions.ts';
import { SaslAuthenticationError } from './sasl/mechanism.ts';
import type { ConnectionSession } from './session.ts';

export interface ConnectionInfo {
  clientHost: string;
  signal: AbortSignal;
  session: ConnectionSession;
}

/** What to write back (null: nothing) and whether to close the connection afterwards. */
export interface DispatchResult {
  reply: Buffer[] | null;
  close: boolean;
}

const SASL_HANDSHAKE_KEY = 17;
const SASL_AUTHENTICATE_KEY = 36;
const CLOSE: DispatchResult = { reply: null, close: true };

/** Before login only these may pass; SaslAuthenticate only once a handshake chose a mechanism. */
function allowedBeforeLogin(apiKey: number, session: ConnectionSession): boolean {
  if (apiKey === API_VERSIONS_KEY || apiKey === SASL_HANDSHAKE_KEY) return true;
  return apiKey === SASL_AUTHENTICATE_KEY && session.exchange !== null;
}

/** After SaslHandshake v0, frames are bare SASL tokens answered with bare tokens. */
function rawToken(broker: Broker, frame: Buffer, conn: ConnectionInfo): DispatchResult {
  const session = conn.session;
  try {
    const { response, done, principal } = (session.exchange as NonNullable<typeof session.exchange>).step(frame);
    if (done) {
      session.authenticated = true;
      session.principal = principal ?? null;
      session.exchange = null;
    }
    const size = Buffer.alloc(4);
    size.writeInt32BE(response.length);
    return { reply: [size, response], close: false };
  } catch (err) {
    if (!(err instanceof SaslAuthenticationError)) throw err;
    broker.log(`closing connection from ${conn.clientHost}: ${err.message}`);
    session.loginFailed = true;
    return CLOSE;
  }
}

export async function dispatch(broker: Broker, frame: Buffer, conn: ConnectionInfo): Promise<DispatchResult> {
  const session = conn.session;
  if (!session.authenticated && session.rawTokens) return rawToken(broker, frame, conn);
  let apiKey = -1;
  let apiVersion = -1;
  try {
    if (frame.length < 8) throw new ProtocolParseError('frame shorter than a request header');
    apiKey = frame.readInt16BE(0);
    apiVersion = frame.readInt16BE(2);
    const correlationId = frame.readInt32BE(4);
    const handler = HANDLERS.get(apiKey);
    if (handler === undefined || (handler.enabled && !handler.enabled(broker))) {
      broker.log(`closing connection from ${conn.clientHost}: unknown or unsupported API key ${apiKey}`);
      return CLOSE;
    }
    if (!session.authenticated && !allowedBeforeLogin(apiKey, session)) {
      broker.log(`closing connection from ${conn.clientHost}: API ${apiKey} sent before SASL authentication`);
      return CLOSE;
    }
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      if (apiKey === API_VERSIONS_KEY) {
        // Clients probe with their newest ApiVersions; answer v0 with the full list so they can retry.
        return { reply: encodeResponseFrame(apiKey, 0, correlationId, (w) => unsupportedApiVersionsResponse(w, broker)), close: false };
      }
      // Kafka also closes the connection here: only ApiVersions answers versions it does not speak.
      broker.log(`closing connection from ${conn.clientHost}: API ${apiKey} v${apiVersion} is not supported`);
      return CLOSE;
    }
    const { header, body } = readRequestHeader(frame);
    const request = handler.decode(body, apiVersion);
    const result = await handler.handle(request, {
      broker,
      version: apiVersion,
      request: {
        apiKey,
        apiVersion,
        correlationId,
        clientId: header.clientId,
        clientHost: conn.clientHost,
        signal: conn.signal,
        session,
      },
    });
    if (result === NO_RESPONSE) return { reply: null, close: false };
    const reply = encodeResponseFrame(apiKey, apiVersion, correlationId, (w) => handler.encode(w, apiVersion, result));
    return { reply, close: session.closeAfterReply };
  } catch (err) {
    if (err instanceof ProtocolParseError || err instanceof RangeError) {
      broker.log(`closing connection from ${conn.clientHost}: cannot parse API ${apiKey} v${apiVersion}: ${err.message}`);
      return CLOSE;
    }
    broker.log(`internal error in API ${apiKey} v${apiVersion}: ${(err as Error).stack ?? String(err)}`);
    return CLOSE;
  }
}
