'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { withCluster } from '@/lib/cluster-url';
import { cn } from '@/lib/cn';
import { useCan } from '@/lib/queries/access';

const LINKS: { href: string; label: string; match: (p: string) => boolean; needs?: 'audit' | 'messages' }[] = [
  { href: '/', label: 'Overview', match: (p: string) => p === '/' },
  { href: '/brokers', label: 'Brokers', match: (p: string) => p.startsWith('/broker') },
  { href: '/topics', label: 'Topics', match: (p: string) => p.startsWith('/topic') },
  { href: '/consumers', label: 'Consumer groups', match: (p: string) => p.startsWith('/consumer') },
  { href: '/transactions', label: 'Transactions', match: (p: string) => p.startsWith('/transactions') },
  { href: '/schemas', label: 'Schemas', match: (p: string) => p.startsWith('/schemas') },
  { href: '/replay', label: 'Jobs', match: (p: string) => p.startsWith('/replay'), needs: 'messages' },
  { href: '/acls', label: 'ACLs', match: (p: string) => p.startsWith('/acls') },
  { href: '/audit', label: 'Audit', match: (p: string) => p.startsWith('/audit'), needs: 'audit' },
];

export function NavLinks() {
  const pathname = usePathname();
  const cluster = useSearchParams().get('cluster') ?? undefined;
  const can = useCan(cluster);
  if (pathname === '/login') return null;
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {LINKS.filter((l) => !l.needs || can(l.needs)).map((l) => (
        <Link
          key={l.href}
          href={withCluster(l.href, cluster)}
          aria-current={l.match(pathname) ? 'page' : undefined}
          className={cn(
            'whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium',
            l.match(pathname) ? 'bg-white/15 text-white' : 'text-zinc-300 hover:bg-white/10 hover:text-white',
          )}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
