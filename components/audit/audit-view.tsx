'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { withCluster } from '@/lib/cluster-url';
import { auditQuery } from '@/lib/queries/audit';
import { Timestamp } from '../layout/time-zone';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';

const RESULT_TONE = { ok: 'good', refused: 'warn', failed: 'bad' } as const;

/** /audit: every write through the console, newest first, filtered by user and action (URL-driven). */
export function AuditView({ cluster, user, action }: { cluster?: string; user?: string; action?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [u, setU] = useState(user ?? '');
  const [a, setA] = useState(action ?? '');
  const q = useQuery(auditQuery(cluster, { user, action }));
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every write through the console, refused ones included" />
      <Card
        title={
          <form
            className="flex items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              router.push(withCluster(pathname, cluster, { user: u.trim(), action: a.trim() }));
            }}
          >
            <Input aria-label="Filter by user" placeholder="User" value={u} onChange={(e) => setU(e.target.value)} className="h-8 w-44" />
            <Input
              aria-label="Filter by action"
              placeholder="Action, e.g. topic.delete"
              value={a}
              onChange={(e) => setA(e.target.value)}
              className="h-8 w-56"
            />
            <Button size="sm" type="submit">
              Filter
            </Button>
          </form>
        }
      >
        {q.isError ? (
          <div className="p-4">
            <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="the audit log" />
          </div>
        ) : q.data ? (
          <Table label="Audit log">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>User</Th>
                <Th>Cluster</Th>
                <Th>Action</Th>
                <Th>Target</Th>
                <Th>Parameters</Th>
                <Th>Result</Th>
              </tr>
            </thead>
            <tbody>
              {q.data.length === 0 && <EmptyRow colSpan={7}>{user || action ? 'No entry matches the filter.' : 'No writes recorded yet.'}</EmptyRow>}
              {q.data.map((e, i) => (
                <tr key={`${e.time}-${i}`}>
                  <Td className="whitespace-nowrap font-mono text-xs">
                    <Timestamp ms={Date.parse(e.time)} />
                  </Td>
                  <Td>{e.user}</Td>
                  <Td>{e.cluster}</Td>
                  <Td className="font-mono text-xs">{e.action}</Td>
                  <Td className="font-mono text-xs">{e.target ?? '—'}</Td>
                  <Td className="max-w-md truncate font-mono text-[11px]" title={JSON.stringify(e.params)}>
                    {JSON.stringify(e.params)}
                  </Td>
                  <Td title={e.error}>
                    <Badge tone={RESULT_TONE[e.result]}>
                      {e.result} {e.status}
                    </Badge>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <TableSkeleton cols={7} />
        )}
      </Card>
    </>
  );
}
