import { TopicsView } from '@/components/topics/topics-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Topics' };

export default async function TopicsPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <TopicsView cluster={cluster} />;
}
