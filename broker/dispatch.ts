/**
 * The single dispatch point: header → handler → response frame. Protocol-level problems
 * travel as error codes inside responses; only a frame that cannot be parsed (or a request
 * for an API this broker does not speak) closes the connection, as Kafka does.
 */
import type { Broker } from './broker.ts';
import { HANDLERS } from './handlers/index.ts';
import { NO_RESPONSE } from './handlers/handler.ts';
import { encodeResponseFrame, readRequestHeader } from './protocol/frame.ts';
import { ProtocolParseError } from './protocol/reader.ts';
import { unsupportedApiVersionsResponse, API_VERSIONS_KEY } from './handlers/18-api-versions.ts';

export interface ConnectionInfo {
  clientHost: string;
  signal: AbortSignal;
}

/** Returns the response chunks, null when no response is due, or 'close' to drop the connection. */
export async function dispatch(broker: Broker, frame: Buffer, conn: ConnectionInfo): Promise<Buffer[] | null | 'close'> {
  let apiKey = -1;
  let apiVersion = -1;
  try {
    if (frame.length < 8) throw new ProtocolParseError('frame shorter than a request header');
    apiKey = frame.readInt16BE(0);
    apiVersion = frame.readInt16BE(2);
    const correlationId = frame.readInt32BE(4);
    const handler = HANDLERS.get(apiKey);
    if (handler === undefined) {
      broker.log(`closing connection from ${conn.clientHost}: unknown or unsupported API key ${apiKey}`);
      return 'close';
    }
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      if (apiKey === API_VERSIONS_KEY) {
        // Clients probe with their newest ApiVersions; answer v0 with the full list so they can retry.
        return encodeResponseFrame(apiKey, 0, correlationId, (w) => unsupportedApiVersionsResponse(w));
      }
      // Kafka also closes the connection here: only ApiVersions answers versions it does not speak.
      broker.log(`closing connection from ${conn.clientHost}: API ${apiKey} v${apiVersion} is not supported`);
      return 'close';
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
      },
    });
    if (result === NO_RESPONSE) return null;
    return encodeResponseFrame(apiKey, apiVersion, correlationId, (w) => handler.encode(w, apiVersion, result));
  } catch (err) {
    if (err instanceof ProtocolParseError || err instanceof RangeError) {
      broker.log(`closing connection from ${conn.clientHost}: cannot parse API ${apiKey} v${apiVersion}: ${err.message}`);
      return 'close';
    }
    broker.log(`internal error in API ${apiKey} v${apiVersion}: ${(err as Error).stack ?? String(err)}`);
    return 'close';
  }
}
