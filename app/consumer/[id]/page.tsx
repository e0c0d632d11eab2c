import { GroupDetailView } from '@/components/groups/group-detail-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: decodeURIComponent((await params).id) };
}

export default async function ConsumerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cluster?: string }> }) {
  const [{ id }, { cluster }] = await Promise.all([params, searchParams]);
  return <GroupDetailView groupId={decodeURIComponent(id)} cluster={cluster} />;
}
