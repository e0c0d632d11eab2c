import Link from 'next/link';
import { Suspense } from 'react';
import { ClusterSwitcher } from './cluster-switcher';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme-toggle';
import { TimeZoneToggle } from './time-zone';
import { UserMenu } from './user-menu';

export function AppHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-800 bg-zinc-900/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
        <Link href="/" className="flex shrink-0 items-center gap-2 text-white">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-500 text-sm font-bold">
            K
          </span>
          <span className="text-base font-semibold tracking-tight">Kayak</span>
        </Link>
        {/* On a narrow screen the links scroll sideways (the fading edge says there are more) instead of widening the page. */}
        <div className="min-w-0 flex-1 overflow-x-auto [mask-image:linear-gradient(to_right,black_calc(100%-1.5rem),transparent)] [scrollbar-width:none]">
          <Suspense fallback={null}>
            <NavLinks />
          </Suspense>
        </div>
        <div className="flex shrink-0 items-center gap-3">
          <Suspense fallback={null}>
            <ClusterSwitcher />
          </Suspense>
          <TimeZoneToggle />
          <ThemeToggle />
          <Suspense fallback={null}>
            <UserMenu />
          </Suspense>
        </div>
      </div>
    </header>
  );
}
