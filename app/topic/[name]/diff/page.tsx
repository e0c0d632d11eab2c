import { DiffView } from '@/components/diff/diff-view';
import { existingTopicPage, type SearchParams } from '@/lib/server/page-guard';
import { urlParams } from '@/lib/server/url-params';

export const dynamic = 'force-dynamic';

const KEYS = ['a', 'b', 'format', 'keyFormat', 'protoType', 'keyProtoType', 'avroSchema', 'keyAvroSchema', 'isolation'] as const;

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `${decodeURIComponent((await params).name)} · compare records` };
}

/** /topic/{name}/diff?a=<partition>:<offset>&b=[<topic>:]<partition>:<offset> (the API validates every value). */
export default async function DiffPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<SearchParams> }) {
  const { topic, cluster, search } = await existingTopicPage(params, searchParams);
  return <DiffView topic={topic} cluster={cluster} params={urlParams(search, KEYS)} />;
}
