import { JobsView } from '@/components/replay/jobs-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Replay jobs' };

export default async function ReplayPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <JobsView cluster={cluster} />;
}
