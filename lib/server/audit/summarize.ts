import 'server-only';

/**
 * What an audit line records of a request's parameters: enough to tell what was done, never a
 * secret and never record contents (keys, values and header values appear only as sizes).
 */
const SECRET_NAME = /password|secret|token|credential|jaas|private|api[._-]?key/i;
const MAX_STRING = 200;
const MAX_ITEMS = 50;

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => clean(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) ? '[redacted]' : clean(v, depth + 1)]));
}

const size = (v: unknown): number | null => (typeof v === 'string' ? Buffer.byteLength(v) : null);

function produceSummary(body: Record<string, unknown>): Record<string, unknown> {
  const headers = Array.isArray(body.headers) ? body.headers : [];
  return {
    partition: body.partition ?? null,
    keyFormat: body.keyFormat ?? 'utf8',
    valueFormat: body.valueFormat ?? 'utf8',
    keyBytes: size(body.key),
    valueBytes: size(body.value),
    headers: headers.slice(0, MAX_ITEMS).map((h) => ({ key: clean((h as { key?: unknown })?.key), valueBytes: size((h as { value?: unknown })?.value) })),
  };
}

/** A replay job: its selection by size and its edits by byte counts, never their contents. */
function replaySummary(body: Record<string, unknown>): Record<string, unknown> {
  const sel = body.selection as { kind?: unknown; records?: unknown[] } | undefined;
  const edit = (body.edit ?? {}) as Record<string, unknown>;
  const headers = Array.isArray(edit.headers) ? edit.headers : null;
  const headerEdits = Array.isArray(edit.headerEdits) ? edit.headerEdits : null;
  return {
    ...(clean({ ...body, selection: undefined, edit: undefined }) as Record<string, unknown>),
    selection: sel?.kind === 'records' ? { kind: 'records', count: Array.isArray(sel.records) ? sel.records.length : null } : clean(sel),
    edit: {
      key: edit.key === undefined ? 'kept' : edit.key === null ? null : { bytes: size(edit.key) },
      value: edit.value === undefined ? 'kept' : edit.value === null ? null : { bytes: size(edit.value) },
      headers: headers
        ? headers.slice(0, MAX_ITEMS).map((h) => ({ key: clean((h as { key?: unknown })?.key), valueBytes: size((h as { value?: unknown })?.value) }))
        : 'kept',
      ...(headerEdits
        ? {
            headerEdits: headerEdits.slice(0, MAX_ITEMS).map((h) => ({
              op: clean((h as { op?: unknown })?.op),
              key: clean((h as { key?: unknown })?.key),
              valueBytes: size((h as { value?: unknown })?.value),
            })),
          }
        : {}),
    },
  };
}

export function summarizeParams(action: string, query: Record<string, string>, body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(clean(query) as Record<string, unknown>) };
  if (body === undefined) return out;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { ...out, body: typeof body === 'string' ? `(${Buffer.byteLength(body)} bytes, not JSON)` : clean(body) };
  const b = body as Record<string, unknown>;
  return { ...out, ...(action === 'topic.produce' ? produceSummary(b) : action === 'replay.start' ? replaySummary(b) : (clean(b) as Record<string, unknown>)) };
}
