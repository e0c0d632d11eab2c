import { GroupDetailView } from '@/components/groups/group-detail-view';
import { describeGroup } from '@/lib/server/kafka/groups';
import { notFoundIfMissing } from '@/lib/server/page-guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: decodeURIComponent((await params).id) };
}

export default async function ConsumerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cluster?: string }> }) {
  const [{ id }, { cluster }] = await Promise.all([params, searchParams]);
  const groupId = decodeURIComponent(id);
  await notFoundIfMissing(cluster, (c) => describeGroup(c, groupId));
  return <GroupDetailView groupId={groupId} cluster={cluster} />;
}
