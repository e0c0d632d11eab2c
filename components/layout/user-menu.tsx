'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { meQuery, useLogout } from '@/lib/queries/access';
import { useHydrated } from '@/lib/use-hydrated';

/** The signed-in user and their role on the selected cluster; nothing when login is off. */
export function UserMenu() {
  const cluster = useSearchParams().get('cluster') ?? undefined;
  const me = useQuery(meQuery(cluster));
  const logout = useLogout();
  // The page asks for the same user; render it only once hydrated, as the server did (see useHydrated).
  const hydrated = useHydrated();
  if (!hydrated || !me.data?.loginEnabled || !me.data.user) return null;
  return (
    <div className="flex items-center gap-2 text-sm text-zinc-300">
      <span data-testid="current-user">
        <span className="font-medium text-white">{me.data.user.name}</span>
        <span className="ml-1.5 rounded bg-white/10 px-1.5 py-0.5 text-xs">{me.data.role ?? 'no role'}</span>
      </span>
      <button type="button" onClick={() => logout.mutate()} className="rounded-md px-2 py-1 text-zinc-300 hover:bg-white/10 hover:text-white">
        Sign out
      </button>
    </div>
  );
}
