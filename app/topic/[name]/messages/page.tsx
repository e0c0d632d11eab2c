import { MessagesPlaceholder } from '@/components/topics/messages-placeholder';

export const dynamic = 'force-dynamic';

type Search = { cluster?: string; partition?: string; offset?: string; count?: string };

export default async function MessagesPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<Search> }) {
  const [{ name }, s] = await Promise.all([params, searchParams]);
  const partition = Number.parseInt(s.partition ?? '0', 10);
  const count = Math.min(Math.max(Number.parseInt(s.count ?? '100', 10) || 100, 1), 10000);
  const offset = s.offset && /^\d{1,19}$/.test(s.offset) ? s.offset : undefined;
  return <MessagesPlaceholder topic={decodeURIComponent(name)} cluster={s.cluster} partition={Number.isFinite(partition) && partition >= 0 ? partition : 0} offset={offset} count={count} />;
}
