'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { withCluster } from '@/lib/cluster-url';
import { useCan } from '@/lib/queries/access';
import { subjectsQuery } from '@/lib/queries/schemas';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';
import { RegisterSchemaForm } from './register-schema-form';

export const TYPE_LABEL = { AVRO: 'Avro', PROTOBUF: 'Protobuf', JSON: 'JSON Schema' } as const;

/** /schemas: the subjects of the cluster's schema registry. */
export function SchemasView({ cluster }: { cluster?: string }) {
  const q = useQuery(subjectsQuery(cluster));
  const can = useCan(cluster);
  const router = useRouter();
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const all = q.data?.subjects ?? [];
  const rows = all.filter((s) => s.subject.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
      <PageHeader
        title="Schema Registry"
        subtitle={q.data ? `${all.length} subject${all.length === 1 ? '' : 's'} · ${q.data.registry}` : q.isError ? undefined : 'Loading…'}
        actions={
          can('schema.register') && (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Register schema
            </Button>
          )
        }
      />
      <Card
        title={
          <Input aria-label="Filter subjects" placeholder="Filter subjects…" value={filter} onChange={(e) => setFilter(e.target.value)} className="h-8 w-64" />
        }
      >
        {q.isError ? (
          <div className="p-4">
            <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="subjects" />
          </div>
        ) : q.data ? (
          <Table label="Subjects">
            <thead>
              <tr>
                <Th>Subject</Th>
                <Th>Type</Th>
                <Th numeric>Latest version</Th>
                <Th numeric>Schema id</Th>
                <Th>Compatibility</Th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <EmptyRow colSpan={5}>{all.length === 0 ? 'The registry has no subjects yet.' : 'No subject matches the filter.'}</EmptyRow>
              )}
              {rows.map((s) => (
                <tr key={s.subject} data-subject={s.subject}>
                  <Td className="font-mono">
                    <Link
                      className="text-indigo-600 hover:underline dark:text-indigo-400"
                      href={withCluster(`/schemas/${encodeURIComponent(s.subject)}`, cluster)}
                    >
                      {s.subject}
                    </Link>
                  </Td>
                  <Td>
                    <Badge tone="info">{TYPE_LABEL[s.schemaType]}</Badge>
                  </Td>
                  <Td numeric>{s.latestVersion}</Td>
                  <Td numeric>{s.latestId}</Td>
                  <Td>{s.compatibility ?? '—'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <TableSkeleton rows={4} cols={5} />
        )}
      </Card>
      <Dialog open={adding} onClose={() => setAdding(false)} title="Register a schema">
        <RegisterSchemaForm
          cluster={cluster}
          initial=""
          initialType="AVRO"
          onRegistered={(subject) => router.push(withCluster(`/schemas/${encodeURIComponent(subject)}`, cluster))}
        />
      </Dialog>
    </>
  );
}
