import { KeyHistoryView } from '@/components/diff/key-history-view';
import { existingTopicPage, type SearchParams } from '@/lib/server/page-guard';
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
export default async function KeyHistoryPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<SearchParams> }) {
  const { topic, cluster, search } = await existingTopicPage(params, searchParams);
  return <KeyHistoryView topic={topic} cluster={cluster} params={urlParams(search, KEYS)} />;
}
