import { OverviewView } from '@/components/overview/overview-view';

export const dynamic = 'force-dynamic';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <OverviewView cluster={cluster} />;
}
