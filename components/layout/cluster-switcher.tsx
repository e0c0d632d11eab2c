'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { clustersQuery } from '@/lib/queries/cluster';
import { useHydrated } from '@/lib/use-hydrated';
import { ClusterStatusDot } from './cluster-status-dot';

/** Switches between configured clusters by rewriting `?cluster=` on the current page. */
export function ClusterSwitcher() {
  const { data } = useQuery(clustersQuery());
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const selected = params.get('cluster') ?? undefined;
  const current = selected ?? data?.[0]?.id ?? '';
  // Pages read the cluster list too; the switcher (and its status dot, which shares the overview's
  // query) renders only once hydrated, as the server rendered it (see useHydrated).
  const hydrated = useHydrated();
  if (!hydrated || !data || data.length === 0) return null;
  if (data.length === 1) {
    return (
      <span className="hidden items-center gap-1.5 text-sm text-zinc-300 md:inline-flex" title={data[0]!.brokers.join(', ')}>
        <ClusterStatusDot cluster={selected} /> {data[0]!.name}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <ClusterStatusDot cluster={selected} />
      <select
        aria-label="Cluster"
        value={current}
        onChange={(e) => {
          const top = pathname.startsWith('/consumer') ? '/consumers' : pathname.startsWith('/topic') ? '/topics' : '/';
          router.push(`${top}?cluster=${encodeURIComponent(e.target.value)}`);
        }}
        className="h-8 max-w-32 rounded-md border border-white/15 bg-white/5 px-2 text-sm text-zinc-100 focus:outline-none lg:max-w-48"
      >
        {data.map((c) => (
          <option key={c.id} value={c.id} className="text-zinc-900">
            {c.name} ({c.brokers.join(', ')})
          </option>
        ))}
      </select>
    </span>
  );
}
