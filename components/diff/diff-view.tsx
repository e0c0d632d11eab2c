'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { withCluster } from '@/lib/cluster-url';
import { recordDiffQuery } from '@/lib/queries/diff';
import { Button } from '../ui/button';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input } from '../ui/input';
import { Skeleton } from '../ui/skeleton';
import { RecordDiffView } from './record-diff-view';
import { TopicPageHeader } from './topic-page-header';

/**
 * /topic/{name}/diff?a=<partition>:<offset>&b=[<topic>:]<partition>:<offset>: two records side by
 * side. Everything is in the URL (records and decode options), so the view can be shared.
 */
export function DiffView({ topic, cluster, params }: { topic: string; cluster?: string; params: Record<string, string | undefined> }) {
  const router = useRouter();
  const [a, setA] = useState(params.a ?? '');
  const [b, setB] = useState(params.b ?? '');
  const ready = !!params.a && !!params.b;
  const q = useQuery({ ...recordDiffQuery(cluster, topic, params), enabled: ready });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    router.push(withCluster(`/topic/${encodeURIComponent(topic)}/diff`, cluster, { ...params, a: a.trim(), b: b.trim() }));
  };
  const label = (ref: string | undefined) => (ref && ref.split(':').length === 3 ? ref : `${topic}:${ref ?? ''}`);
  return (
    <div>
      <TopicPageHeader
        topic={topic}
        cluster={cluster}
        what="compare records"
        subtitle="Key and value decoded as in the message view, compared by JSON path or by line; headers by name."
      />
      <form onSubmit={submit} className="mb-4 grid grid-cols-[1fr_1fr_auto] items-end gap-3">
        <Field label="Record A" hint="partition:offset">
          <Input value={a} onChange={(e) => setA(e.target.value)} placeholder="0:42" aria-label="Record A" />
        </Field>
        <Field label="Record B" hint="partition:offset, or topic:partition:offset">
          <Input value={b} onChange={(e) => setB(e.target.value)} placeholder="0:43" aria-label="Record B" />
        </Field>
        <Button type="submit" variant="primary">
          Compare
        </Button>
      </form>
      {!ready ? (
        <p className="text-sm text-zinc-500">Give two records, or pick them in the message view with “Compare…”.</p>
      ) : q.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : q.isError ? (
        <ErrorPanel error={q.error} />
      ) : (
        <RecordDiffView a={q.data.a.message} b={q.data.b.message} diff={q.data.diff} aLabel={`A · ${label(params.a)}`} bLabel={`B · ${label(params.b)}`} />
      )}
    </div>
  );
}
