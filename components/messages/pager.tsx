'use client';

import { useEffect } from 'react';
import type { MessagePageDto } from '@/lib/messages/dto';
import { Button } from '../ui/button';

type Paging = NonNullable<MessagePageDto['paging']>;

function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/** Kafdrop's First/Prev/Next/Last, also on the keyboard: Home, ←, →, End (outside form fields). */
export function Pager({ paging, go }: { paging: Paging; go: (offset: string) => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || e.altKey || e.ctrlKey || e.metaKey) return;
      const target =
        e.key === 'ArrowLeft' ? paging.prev : e.key === 'ArrowRight' ? paging.next : e.key === 'Home' ? paging.first : e.key === 'End' ? paging.last : null;
      if (target !== null) {
        e.preventDefault();
        go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paging, go]);
  const btn = (label: string, target: string | null, key: string) => (
    <Button size="sm" disabled={target === null} onClick={() => target !== null && go(target)} title={`${label} (${key})`}>
      {label}
    </Button>
  );
  return (
    <nav aria-label="Pages" className="flex gap-2">
      {btn('First', paging.first, 'Home')}
      {btn('Prev', paging.prev, '←')}
      {btn('Next', paging.next, '→')}
      {btn('Last', paging.last, 'End')}
    </nav>
  );
}
