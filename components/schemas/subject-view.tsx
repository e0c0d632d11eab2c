'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { withCluster } from '@/lib/cluster-url';
import { useCan } from '@/lib/queries/access';
import { schemaVersionQuery, subjectQuery } from '@/lib/queries/schemas';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Select } from '../ui/input';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';
import { DeleteSubjectDialog } from './delete-subject-dialog';
import { RegisterSchemaForm } from './register-schema-form';
import { SchemaDiff } from './schema-diff';
import { prettySchema } from './schema-text';
import { TYPE_LABEL } from './schemas-view';

function VersionSelect({ label, versions, value, onChange }: { label: string; versions: number[]; value: number; onChange: (v: number) => void }) {
  return (
    <Field label={label}>
      <Select aria-label={label} value={String(value)} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v} value={String(v)}>
            Version {v}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** /schemas/{subject}: its versions, two of them side by side, a new version, deletion. */
export function SubjectView({ cluster, subject, version }: { cluster?: string; subject: string; version?: number }) {
  const q = useQuery(subjectQuery(cluster, subject));
  const can = useCan(cluster);
  const router = useRouter();
  const versions = q.data?.versions ?? [];
  const latest = versions.at(-1) ?? 1;
  const [right, setRight] = useState<number | null>(version ?? null);
  const r = right ?? latest;
  const [left, setLeft] = useState<number | null>(null);
  const l = left ?? versions.filter((v) => v < r).at(-1) ?? r;
  const leftQ = useQuery({ ...schemaVersionQuery(cluster, subject, l), enabled: versions.length > 0 });
  const rightQ = useQuery({ ...schemaVersionQuery(cluster, subject, r), enabled: versions.length > 0 });
  const [registering, setRegistering] = useState(false);
  const [deleting, setDeleting] = useState<null | { permanent: boolean; version?: number }>(null);

  if (q.isError) return <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what={`subject ${subject}`} />;
  const d = q.data;
  const type = d?.latest.schemaType ?? 'AVRO';
  return (
    <>
      <PageHeader
        title={<span className="font-mono">{subject}</span>}
        subtitle={
          d
            ? `${TYPE_LABEL[type]} · ${d.versions.length} version${d.versions.length === 1 ? '' : 's'} · latest ${latest} (id ${d.latest.id}) · compatibility ${d.compatibility ?? 'unknown'}`
            : 'Loading…'
        }
        actions={
          d && (
            <>
              {can('schema.register') && (
                <Button variant="primary" onClick={() => setRegistering(true)}>
                  New version
                </Button>
              )}
              {can('schema.delete') && (
                <>
                  <Button variant="danger" onClick={() => setDeleting({ permanent: false })}>
                    Delete subject
                  </Button>
                  <Button variant="danger" onClick={() => setDeleting({ permanent: true })}>
                    Delete permanently
                  </Button>
                </>
              )}
            </>
          )
        }
      />
      {!d ? (
        <TableSkeleton rows={6} cols={2} />
      ) : (
        <Card
          title={
            <div className="flex flex-wrap items-end gap-3">
              <VersionSelect label="Left version" versions={versions} value={l} onChange={setLeft} />
              <VersionSelect label="Right version" versions={versions} value={r} onChange={setRight} />
            </div>
          }
          actions={
            can('schema.delete-version') &&
            versions.length > 1 && (
              <Button size="sm" variant="danger" onClick={() => setDeleting({ permanent: false, version: r })}>
                Delete version {r}
              </Button>
            )
          }
        >
          {leftQ.isError || rightQ.isError ? (
            <div className="p-4">
              <ErrorPanel error={leftQ.error ?? rightQ.error} />
            </div>
          ) : leftQ.data && rightQ.data ? (
            <>
              <SchemaDiff
                left={prettySchema(leftQ.data.schema, leftQ.data.schemaType)}
                right={prettySchema(rightQ.data.schema, rightQ.data.schemaType)}
                leftLabel={`Version ${l} · id ${leftQ.data.id}`}
                rightLabel={`Version ${r} · id ${rightQ.data.id}`}
              />
              {rightQ.data.references.length > 0 && (
                <p className="px-4 py-2 text-xs text-zinc-500">
                  References:{' '}
                  {rightQ.data.references.map((ref) => (
                    <Badge key={ref.name}>{`${ref.name} → ${ref.subject} v${ref.version}`}</Badge>
                  ))}
                </p>
              )}
            </>
          ) : (
            <TableSkeleton rows={6} cols={2} />
          )}
        </Card>
      )}
      <Dialog open={registering} onClose={() => setRegistering(false)} title={`New version of ${subject}`} wide>
        {d && (
          <RegisterSchemaForm
            cluster={cluster}
            subject={subject}
            initial={prettySchema(d.latest.schema, type)}
            initialType={type}
            onRegistered={(_s, v) => {
              setRegistering(false);
              setRight(v);
              setLeft(null);
              void q.refetch();
            }}
          />
        )}
      </Dialog>
      {deleting && (
        <DeleteSubjectDialog
          open
          onClose={() => setDeleting(null)}
          cluster={cluster}
          subject={subject}
          version={deleting.version}
          permanent={deleting.permanent}
          onDeleted={() => {
            setDeleting(null);
            if (deleting.version === undefined) router.push(withCluster('/schemas', cluster));
            else {
              setRight(null);
              setLeft(null);
              void q.refetch();
            }
          }}
        />
      )}
    </>
  );
}
