import { TopicDetailView } from '@/components/topics/topic-detail-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: decodeURIComponent((await params).name) };
}

export default async function TopicPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<{ cluster?: string }> }) {
  const [{ name }, { cluster }] = await Promise.all([params, searchParams]);
  return <TopicDetailView name={decodeURIComponent(name)} cluster={cluster} />;
}
