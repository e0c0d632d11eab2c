'use client';

import { useEffect, useState } from 'react';
import type { MessageDto } from '@/lib/messages/dto';
import { recordId, recordPath, type ViewParams } from '@/lib/messages/view-state';
import { useOpenReplay } from '../replay/replay-context';
import { RecordDiffActions } from '../diff/record-diff-actions';

const linkButton = 'rounded px-1.5 text-xs text-indigo-600 hover:bg-indigo-50 hover:underline dark:text-indigo-400 dark:hover:bg-indigo-950';

/** Copies a link that opens exactly this record. */
function CopyLink({ m, topic, cluster, shared }: { m: MessageDto; topic: string; cluster?: string; shared: ViewParams }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const path = recordPath(topic, cluster, m, shared);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(new URL(path, window.location.href).href);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin or a refused permission): the link itself is still there to open or right-click.
      setCopied('failed');
    }
  };
  return (
    <>
      <button
        type="button"
        className={linkButton}
        onClick={() => void copy()}
        aria-label={`Copy link to record ${recordId(m)}`}
        title="Copy a link that opens exactly this record"
      >
        {copied === 'yes' ? 'Copied' : 'Copy link'}
      </button>
      {copied === 'failed' && (
        <a className={linkButton} href={path} title="The clipboard is not available here: right-click to copy this link">
          Link
        </a>
      )}
    </>
  );
}

/**
 * What can be done with one record: copy a link to it, replay it, redrive it when it is a dead
 * letter, compare it and open its key's history. One component for the table row, the table's
 * open record and the card, so a new action is added once; the table row shows only the link
 * (`replay={false}`) to stay one line, and its open record only the other actions (the link is
 * already on the row above).
 */
export function RecordActions({
  m,
  topic,
  cluster,
  shared,
  renderQuery,
  link = true,
  replay = true,
}: {
  m: MessageDto;
  topic: string;
  cluster?: string;
  shared: ViewParams;
  /** the view's format parameters, carried into diff and key history links */
  renderQuery?: Record<string, string | undefined>;
  link?: boolean;
  replay?: boolean;
}) {
  // Only the messages page provides replay, and only to roles that may use it.
  const open = useOpenReplay();
  const one = { kind: 'records' as const, records: [{ partition: m.partition, offset: m.offset }] };
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap" data-testid="record-actions">
      {link && <CopyLink m={m} topic={topic} cluster={cluster} shared={shared} />}
      {replay && open && m.dlt?.topic && (
        <button type="button" className={linkButton} onClick={() => open(one, 'redrive')} title="Send this dead letter back to its original topic">
          Redrive
        </button>
      )}
      {replay && open && (
        <button type="button" className={linkButton} onClick={() => open(one, 'replay')} title="Produce this record again, to this or another topic">
          Replay
        </button>
      )}
      {replay && <RecordDiffActions m={m} topic={topic} cluster={cluster} renderQuery={renderQuery} />}
    </span>
  );
}
