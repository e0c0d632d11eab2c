import { ApiError } from '@/lib/api-error';
import { recordRefSchema, type RecordDiffPageDto } from '@/lib/messages/diff-params';
import { isolationParamSchema } from '@/lib/messages/params';
import { diffRecords } from '@/lib/messages/record-diff';
import { diffRenderOptions } from '@/lib/server/diff/params';
import { readRecord } from '@/lib/server/diff/read-record';
import { param } from '@/lib/server/messages/request-params';
import { parse, route } from '@/lib/server/route';
import { topicNameSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/**
 * GET /api/topics/{name}/diff?a=<partition>:<offset>&b=[<topic>:]<partition>:<offset>
 * Both records decoded as the message view decodes them (format, keyFormat, protoType,
 * avroSchema… apply to both; isolation=read_committed by default), and what changed from a to b:
 * key and value by JSON path (or by line for text), headers by name, the timestamps' distance.
 */
export const GET = route<{ name: string }>(async ({ req, params, cluster }): Promise<RecordDiffPageDto> => {
  const topic = parse(topicNameSchema, params.name);
  const q = req.nextUrl.searchParams;
  const a = param(q, 'a', recordRefSchema);
  const b = param(q, 'b', recordRefSchema);
  if (!a || !b) throw new ApiError('bad_request', 'Give both records to compare: a=<partition>:<offset> and b=[<topic>:]<partition>:<offset>');
  const aTopic = a.topic ?? topic;
  const bTopic = b.topic ?? topic;
  const render = diffRenderOptions(q, cluster);
  const isolation = param(q, 'isolation', isolationParamSchema) ?? 'read_committed';
  const [ma, mb] = await Promise.all([
    readRecord(cluster, aTopic, a.partition, a.offset, isolation, render),
    readRecord(cluster, bTopic, b.partition, b.offset, isolation, render),
  ]);
  return { a: { topic: aTopic, message: ma }, b: { topic: bTopic, message: mb }, diff: diffRecords(ma, mb) };
});
