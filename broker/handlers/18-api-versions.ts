/**
 * ApiVersions (key 18), v0-3. The advertised list is derived from the registered handlers.
 * An unsupported ApiVersions version is answered in v0 with UNSUPPORTED_VERSION and the full
 * list, so clients can retry with a version both sides speak.
 */
import { defineHandler } from './handler.ts';
import { HANDLERS } from './index.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import type { Writer } from '../protocol/writer.ts';
import type { Broker } from '../broker.ts';
import { decodeApiVersionsRequest } from '../protocol/messages/api-versions-request.ts';
import { defaultApiVersionsResponse, encodeApiVersionsResponse, type ApiVersion } from '../protocol/messages/api-versions-response.ts';

export const API_VERSIONS_KEY = 18;

function supportedApis(broker: Broker): ApiVersion[] {
  return [...HANDLERS.values()]
    .filter((h) => h.enabled === undefined || h.enabled(broker))
    .map((h) => ({ apiKey: h.apiKey, minVersion: h.minVersion, maxVersion: h.maxVersion }))
    .sort((a, b) => a.apiKey - b.apiKey);
}

export function unsupportedApiVersionsResponse(w: Writer, broker: Broker): void {
  encodeApiVersionsResponse(w, 0, {
    ...defaultApiVersionsResponse(),
    errorCode: ErrorCode.UNSUPPORTED_VERSION,
    apiKeys: supportedApis(broker),
  });
}

export default defineHandler({
  apiKey: API_VERSIONS_KEY,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeApiVersionsRequest,
  encode: encodeApiVersionsResponse,
  handle(_req, { broker }) {
    return { ...defaultApiVersionsResponse(), apiKeys: supportedApis(broker) };
  },
});
