import { Reader } from './reader.ts';
import { Writer } from './writer.ts';
import { API_SCHEMAS } from './messages/index.ts';
import { decodeRequestHeader, type RequestHeader } from './messages/request-header.ts';

/** Kafka keeps ApiVersions' response header at v0 even for flexible versions, so old clients can read it. */
const API_VERSIONS_KEY = 18;

export function isFlexible(apiKey: number, version: number): boolean {
  const first = API_SCHEMAS.get(apiKey)?.firstFlexibleVersion ?? -1;
  return first >= 0 && version >= first;
}

/**
 * Reads the request header. Flexible requests use header v2 (with tagged fields), others v1.
 * Returns the header and a reader positioned at the body.
 */
export function readRequestHeader(frame: Buffer): { header: RequestHeader; body: Reader } {
  const r = new Reader(frame);
  const apiKey = r.int16();
  const apiVersion = r.int16();
  r.offset = 0;
  const headerVersion = isFlexible(apiKey, apiVersion) ? 2 : 1;
  const header = decodeRequestHeader(r, headerVersion);
  return { header, body: r };
}

/** Writes the response header (v1 with tagged fields for flexible APIs, else v0) and the body. */
export function encodeResponseFrame(apiKey: number, version: number, correlationId: number, body: (w: Writer) => void): Buffer[] {
  const w = new Writer(512);
  w.int32(0); // frame size, patched below
  w.int32(correlationId);
  if (apiKey !== API_VERSIONS_KEY && isFlexible(apiKey, version)) w.uvarint(0);
  body(w);
  const chunks = w.toChunks();
  (chunks[0] as Buffer).writeInt32BE(w.length - 4, 0);
  return chunks;
}
