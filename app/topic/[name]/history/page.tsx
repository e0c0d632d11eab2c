import { KeyHistoryView } from '@/components/diff/key-history-view';
import { assertTopicExistsIn } from '@/lib/server/kafka/topics';
import { notFoundIfMissing } from '@/lib/server/page-guard';
import { urlParams } from '@/lib/server/url-params';

export const dynamic = 'force-dynamic';

const KEYS = [
  'key',
  'keyEncoding',
  'of',
  'partition',
  'versions',
  'maxRecords',
  'format',
  'keyFormat',
  'protoType',
  'keyProtoType',
  'avroSchema',
  'keyAvroSchema',
  'isolation',
] as const;

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `${decodeURIComponent((await params).name)} · key history` };
}

/** /topic/{name}/history?key=…&partition=… or ?of=<partition>:<offset> (the API validates every value). */
export default async function KeyHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ name }, s] = await Promise.all([params, searchParams]);
  const cluster = typeof s.cluster === 'string' ? s.cluster : undefined;
  const topic = decodeURIComponent(name);
  await notFoundIfMissing(cluster, (c) => assertTopicExistsIn(c, topic));
  return <KeyHistoryView topic={topic} cluster={cluster} params={urlParams(s, KEYS)} />;
}
