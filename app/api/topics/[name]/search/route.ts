import { ApiError } from '@/lib/api-error';
import { cursorSchema, matchOpSchema, positiveIntSchema } from '@/lib/messages/params';
import { withFreeConsumer } from '@/lib/server/kafka/free-consumer';
import { compilePredicate, type SearchCriteria, type TextMatch } from '@/lib/server/messages/matcher';
import { param, renderOptions, startParams } from '@/lib/server/messages/request-params';
import { runSearch } from '@/lib/server/messages/search';
import { parse, route } from '@/lib/server/route';
import { sseResponse } from '@/lib/server/sse';
import { acquireStreamSlot, clientAddress } from '@/lib/server/stream-slots';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

function textMatch(q: URLSearchParams, field: string): TextMatch | undefined {
  const text = q.get(field);
  if (text === null || text === '') return undefined;
  if (text.length > 10_000) throw new ApiError('bad_request', `${field}: at most 10,000 characters`);
  const op = param(q, `${field}Match`, matchOpSchema) ?? 'contains';
  return { op, text, caseSensitive: q.get('caseSensitive') === 'true' };
}

/**
 * GET /api/topics/{name}/search — server-sent events: `record` per match, `progress`
 * {scanned, matched, positions, ratePerSec, elapsedMs} a few times a second, then `done`
 * {reason, message}. Criteria: key, value, headerName (+ headerValue), each with
 * <field>Match=contains|equals|regex, and expr (a filtrex expression). Start: partition
 * (or all), offset|timestamp|cursor; isolation=read_committed (default) or read_uncommitted. Budget: maxRecords, maxSeconds; limit = matches wanted.
 */
export const GET = route<{ name: string }>(async ({ req, params, cluster }) => {
  const topic = parse(topicNameSchema, params.name);
  const q = req.nextUrl.searchParams;
  const start = startParams(q, null);
  const criteria: SearchCriteria = { key: textMatch(q, 'key'), value: textMatch(q, 'value') };
  const headerName = q.get('headerName');
  if (headerName) criteria.header = { name: headerName, value: textMatch(q, 'headerValue') };
  const expr = q.get('expr');
  if (expr && expr.trim()) {
    if (expr.length > 2000) throw new ApiError('bad_request', 'expr: at most 2,000 characters');
    criteria.expression = expr;
  }
  if (!criteria.key && !criteria.value && !criteria.header && !criteria.expression) {
    throw new ApiError('bad_request', 'Give at least one criterion: key, value, headerName or expr');
  }
  const predicate = compilePredicate(criteria);
  const request = {
    topic,
    ...start,
    cursor: param(q, 'cursor', cursorSchema),
    predicate,
    limit: param(q, 'limit', positiveIntSchema('limit', 100_000)) ?? 500,
    maxRecords: param(q, 'maxRecords', positiveIntSchema('maxRecords', 1e12)),
    maxSeconds: param(q, 'maxSeconds', positiveIntSchema('maxSeconds', 86_400)),
    render: renderOptions(q, cluster),
  };
  await withFreeConsumer(cluster, topic, async (c) => {
    if (start.partition !== null && !c.partitions.includes(start.partition))
      throw new ApiError('not_found', `Topic "${topic}" has no partition ${start.partition}`);
  });
  const release = acquireStreamSlot(clientAddress(req.headers), 'a search');
  return sseResponse(req.signal, (send, signal) => runSearch(cluster, request, send, signal), release);
});
