import { ApiError } from '@/lib/api-error';
import { toCsv, toJsonLines } from '@/lib/messages/export';
import { browse } from '@/lib/server/messages/browse';
import { browseParams } from '@/lib/server/messages/request-params';
import { parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/**
 * GET /api/topics/{name}/messages?partition=&offset=|timestamp=&count=&isolation=&format=&keyFormat=
 * One page of records (partition=all merges every partition by timestamp), read_committed unless
 * isolation=read_uncommitted; transaction markers come as `markers`, never as records. With
 * export=jsonl|csv the same page comes back as a download.
 */
export const GET = route<{ name: string }>(async ({ req, params, cluster }) => {
  const topic = parse(topicNameSchema, params.name);
  const q = req.nextUrl.searchParams;
  const exportAs = q.get('export');
  if (exportAs !== null && exportAs !== 'jsonl' && exportAs !== 'csv') throw new ApiError('bad_request', 'export must be "jsonl" or "csv"');
  const page = await browse(cluster, { topic, ...browseParams(q, cluster) });
  if (!exportAs) return page;
  const body = exportAs === 'csv' ? toCsv(page.messages) : toJsonLines(page.messages);
  const where = page.partition === null ? 'all' : `p${page.partition}`;
  return new Response(body, {
    headers: {
      'content-type': exportAs === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${topic}-${where}.${exportAs}"`,
      'cache-control': 'no-store',
    },
  });
});
