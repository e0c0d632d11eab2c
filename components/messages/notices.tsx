import type { NoticeDto } from '@/lib/messages/dto';

/** Empty partitions, past-the-end offsets, deleted records and gaps: said plainly, never as errors. */
export function Notices({ notices }: { notices: NoticeDto[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="space-y-1">
      {notices.map((n, i) => (
        <li
          key={i}
          role="status"
          data-kind={n.kind}
          className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-200"
        >
          {n.message}
        </li>
      ))}
    </ul>
  );
}
