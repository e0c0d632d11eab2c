import 'server-only';
import { printJsonTree, type JsonNode } from '../../messages/json-tree';

/** Pretty JSON of decoded values (msgpack, Avro, Protobuf): bigint stays exact, bytes become base64. */
export function toJsonText(value: unknown): string {
  const seen = new WeakSet<object>();
  const conv = (v: unknown): JsonNode => {
    if (v === null || v === undefined) return { t: 'lit', raw: 'null' };
    if (typeof v === 'boolean') return { t: 'lit', raw: v ? 'true' : 'false' };
    if (typeof v === 'bigint') return { t: 'num', raw: v.toString() };
    if (typeof v === 'number') return Number.isFinite(v) ? { t: 'num', raw: String(v) } : { t: 'str', v: String(v) };
    if (typeof v === 'string') return { t: 'str', v };
    if (v instanceof Uint8Array) return { t: 'str', v: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (v instanceof Date) return { t: 'str', v: v.toISOString() };
    if (typeof v === 'object') {
      if (seen.has(v)) return { t: 'str', v: '[circular]' };
      seen.add(v);
      if (Array.isArray(v)) return { t: 'arr', items: v.map(conv) };
      if (v instanceof Map) return { t: 'obj', entries: [...v].map(([k, x]) => [String(k), conv(x)] as [string, JsonNode]) };
      return { t: 'obj', entries: Object.entries(v).map(([k, x]) => [k, conv(x)] as [string, JsonNode]) };
    }
    return { t: 'str', v: String(v) };
  };
  return printJsonTree(conv(value));
}
