import { TopicDetailView } from '@/components/topics/topic-detail-view';
import { existingTopicPage, type SearchParams } from '@/lib/server/page-guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: decodeURIComponent((await params).name) };
}

export default async function TopicPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<SearchParams> }) {
  const { topic, cluster } = await existingTopicPage(params, searchParams);
  return <TopicDetailView name={topic} cluster={cluster} />;
}
