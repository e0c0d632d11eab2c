import { ApiError } from '@/lib/api-error';
import {
  HISTORY_DEFAULT_SCAN,
  HISTORY_DEFAULT_VERSIONS,
  HISTORY_MAX_SCAN,
  HISTORY_MAX_VERSIONS,
  keyEncodingSchema,
  recordRefSchema,
} from '@/lib/messages/diff-params';
import { cursorSchema, isolationParamSchema, partitionParamSchema, positiveIntSchema } from '@/lib/messages/params';
import { keyHistory } from '@/lib/server/diff/key-history';
import { diffRenderOptions } from '@/lib/server/diff/params';
import { encodeAs } from '@/lib/server/messages/produce';
import { param } from '@/lib/server/messages/request-params';
import { parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/**
 * GET /api/topics/{name}/key-history?key=&keyEncoding=utf8|hex|base64&partition=<n>|all&versions=&maxRecords=&before=
 * (or of=<partition>:<offset> instead of key: the key of that record, byte for byte)
 * The records with exactly this key, newest first, each with what changed from the one before.
 * Without partition, the partition Kafka's default partitioner (murmur2) puts the key in. It
 * reads backwards at most maxRecords records (default 100,000) and shows at most `versions`
 * (default 20); `before` (the answer's cursor) continues with older records.
 */
export const GET = route<{ name: string }>(async ({ req, params, cluster }) => {
  const topic = parse(topicNameSchema, params.name);
  const q = req.nextUrl.searchParams;
  const keyText = q.get('key');
  const of = param(q, 'of', recordRefSchema);
  if (keyText === null && !of)
    throw new ApiError(
      'bad_request',
      'Give the key: key=<text> (keyEncoding=hex or base64 for binary keys), or of=<partition>:<offset> for the key of that record',
    );
  if (keyText !== null && of) throw new ApiError('bad_request', 'Give either key or of, not both');
  if (of?.topic && of.topic !== topic) throw new ApiError('bad_request', `of names a record of "${of.topic}"; a key history reads one topic`);
  if (keyText !== null && keyText.length > 100_000) throw new ApiError('bad_request', 'key: at most 100,000 characters');
  const keyEncoding = param(q, 'keyEncoding', keyEncodingSchema) ?? 'utf8';
  const key = keyText !== null ? encodeAs(keyEncoding, keyText, 'Key') : { partition: of!.partition, offset: of!.offset };
  const p = param(q, 'partition', partitionParamSchema);
  const partition = p === undefined ? (q.get('partition')?.trim() === 'all' ? 'all' : 'key') : p === null ? 'all' : p;
  return keyHistory(cluster, {
    topic,
    key,
    partition,
    versions: param(q, 'versions', positiveIntSchema('versions', HISTORY_MAX_VERSIONS)) ?? HISTORY_DEFAULT_VERSIONS,
    maxRecords: param(q, 'maxRecords', positiveIntSchema('maxRecords', HISTORY_MAX_SCAN)) ?? HISTORY_DEFAULT_SCAN,
    before: param(q, 'before', cursorSchema),
    isolation: param(q, 'isolation', isolationParamSchema) ?? 'read_committed',
    render: diffRenderOptions(q, cluster),
  });
});
