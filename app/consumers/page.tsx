import { GroupsView } from '@/components/groups/groups-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Consumer groups' };

export default async function ConsumersPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <GroupsView cluster={cluster} />;
}
