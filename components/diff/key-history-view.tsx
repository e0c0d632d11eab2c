'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { withCluster } from '@/lib/cluster-url';
import { formatInt } from '@/lib/format';
import type { KeyVersionDto } from '@/lib/messages/diff-params';
import type { MessageDto } from '@/lib/messages/dto';
import { keyHistoryQuery } from '@/lib/queries/diff';
import { DecodedView } from '../messages/decoded-view';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';
import { Skeleton } from '../ui/skeleton';
import { HeaderChanges, PartDiff } from './part-diff';
import { distance, when } from './record-diff-view';
import { TopicPageHeader } from './topic-page-header';

/**
 * /topic/{name}/history?key=…|of=<partition>:<offset>: the values of one key over time, newest
 * first, each with what changed from the version before it. The form and the scan limits are
 * in the URL; "Older" continues the scan where it stopped.
 */
export function KeyHistoryView({ topic, cluster, params }: { topic: string; cluster?: string; params: Record<string, string | undefined> }) {
  const router = useRouter();
  const [form, setForm] = useState({
    key: params.key ?? '',
    keyEncoding: params.keyEncoding ?? 'utf8',
    partition: params.partition ?? '',
    versions: params.versions ?? '',
    maxRecords: params.maxRecords ?? '',
  });
  const ready = params.key !== undefined || params.of !== undefined;
  const q = useInfiniteQuery({ ...keyHistoryQuery(cluster, topic, params), enabled: ready });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { of: _of, key: _key, ...rest } = params;
    router.push(
      withCluster(`/topic/${encodeURIComponent(topic)}/history`, cluster, {
        ...rest,
        ...form,
        key: form.key,
        keyEncoding: form.keyEncoding === 'utf8' ? undefined : form.keyEncoding,
      }),
    );
  };
  const first = q.data?.pages[0];
  const last = q.data?.pages.at(-1);
  const versions = q.data?.pages.flatMap((p) => p.versions) ?? [];
  const scanned = q.data?.pages.reduce((n, p) => n + p.scanned, 0) ?? 0;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <div>
      <TopicPageHeader
        topic={topic}
        cluster={cluster}
        what="key history"
        subtitle="Every record with exactly this key, newest first, each compared with the one before it."
      />
      <form onSubmit={submit} className="mb-4 grid grid-cols-2 items-end gap-3 md:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto]">
        <Field label="Key">
          <Input value={form.key} onChange={set('key')} placeholder={first && params.of ? first.key : 'user-42'} aria-label="Key" />
        </Field>
        <Field label="Key written as">
          <Select value={form.keyEncoding} onChange={set('keyEncoding')}>
            <option value="utf8">text</option>
            <option value="hex">hex</option>
            <option value="base64">base64</option>
          </Select>
        </Field>
        <Field label="Partition" hint="Empty: the key's (murmur2)">
          <Input value={form.partition} onChange={set('partition')} placeholder="all or a number" />
        </Field>
        <Field label="Versions" hint="at most 200">
          <Input inputMode="numeric" value={form.versions} onChange={set('versions')} placeholder="20" />
        </Field>
        <Field label="Scan at most" hint="records per step">
          <Input inputMode="numeric" value={form.maxRecords} onChange={set('maxRecords')} placeholder="100000" />
        </Field>
        <Button type="submit" variant="primary">
          Show history
        </Button>
      </form>
      {!ready ? (
        <p className="text-sm text-zinc-500">Give a key, or open “History of this key” on a record.</p>
      ) : q.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : !q.data ? (
        <ErrorPanel error={q.error} />
      ) : (
        <div className="space-y-3">
          <p className="text-sm" role="status" data-testid="history-status">
            Key <span className="font-mono">{first!.key}</span>
            {first!.keyEncoding !== 'utf8' && ` (${first!.keyEncoding})`} in partition{first!.partitions.length === 1 ? '' : 's'} {first!.partitions.join(', ')}
            {first!.partitions.length === 1 && first!.partitions[0] === first!.keyPartition && (
              <span className="text-zinc-500"> (where the default partitioner puts it)</span>
            )}
            : <b>{versions.length}</b> version
            {versions.length === 1 ? '' : 's'}; scanned {formatInt(scanned)} of {formatInt(first!.total)} records.{' '}
            <span className="text-zinc-500">{last!.message}</span>
          </p>
          <ol className="space-y-3" aria-label="Versions">
            {versions.map((v, i) => (
              <Version
                key={`${v.message.partition}:${v.message.offset}`}
                v={v}
                prev={versions[i + 1]?.message}
                n={versions.length - i}
                topic={topic}
                cluster={cluster}
              />
            ))}
          </ol>
          {q.hasNextPage && (
            <Button onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
              {q.isFetchingNextPage ? 'Scanning…' : 'Older'}
            </Button>
          )}
          {q.error && <ErrorPanel error={q.error} />}
        </div>
      )}
    </div>
  );
}

/** One version; `prev` is the older version when it is on screen (the changes travel with the version either way). */
function Version({ v, prev, n, topic, cluster }: { v: KeyVersionDto; prev?: MessageDto; n: number; topic: string; cluster?: string }) {
  const m = v.message;
  const c = v.changes;
  return (
    <li className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="key-version" data-offset={m.offset} data-partition={m.partition}>
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <Badge tone="info">#{n}</Badge>
        <span>
          Partition <b className="font-mono text-zinc-900 dark:text-zinc-100">{m.partition}</b>
        </span>
        <span>
          Offset <b className="font-mono text-zinc-900 dark:text-zinc-100">{formatInt(m.offset)}</b>
        </span>
        <span>{when(m.timestamp)}</span>
        {c ? <span>{distance(c.timestampDeltaMs)} after the version before</span> : <span>oldest found</span>}
        {c?.equal && <Badge>no change</Badge>}
        <Link
          className="ml-auto text-indigo-600 hover:underline dark:text-indigo-400"
          href={withCluster(`/topic/${encodeURIComponent(topic)}/messages`, cluster, { partition: m.partition, offset: m.offset, count: 1 })}
        >
          Open record
        </Link>
      </div>
      {c && !c.equal ? (
        <div className="space-y-3">
          {c.headers.length > 0 && <HeaderChanges changes={c.headers} />}
          {c.value.equal ? (
            <p className="text-xs text-zinc-500">Value: same</p>
          ) : (
            <PartDiff
              label="Value"
              diff={c.value}
              a={prev ? prev.value : undefined}
              b={m.value}
              aLabel={prev ? `offset ${prev.offset}` : 'before'}
              bLabel={`offset ${m.offset}`}
            />
          )}
        </div>
      ) : (
        <DecodedView d={m.value} label="value" />
      )}
    </li>
  );
}
