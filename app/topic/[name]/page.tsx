import { TopicDetailView } from '@/components/topics/topic-detail-view';
import { assertTopicExistsIn } from '@/lib/server/kafka/topics';
import { notFoundIfMissing } from '@/lib/server/page-guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: decodeURIComponent((await params).name) };
}

export default async function TopicPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<{ cluster?: string }> }) {
  const [{ name }, { cluster }] = await Promise.all([params, searchParams]);
  const topic = decodeURIComponent(name);
  await notFoundIfMissing(cluster, (c) => assertTopicExistsIn(c, topic));
  return <TopicDetailView name={topic} cluster={cluster} />;
}
