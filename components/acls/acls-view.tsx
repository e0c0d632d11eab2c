'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AclDto } from '@/lib/dto';
import { useCan } from '@/lib/queries/access';
import { aclsQuery, useDeleteAcl } from '@/lib/queries/acls';
import { consoleConfigQuery } from '@/lib/queries/messages';
import type { AclInput } from '@/lib/validation';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Input } from '../ui/input';
import { PageHeader } from '../ui/page-header';
import { TableSkeleton } from '../ui/skeleton';
import { EmptyRow, Table, Td, Th } from '../ui/table';
import { CreateAclDialog } from './create-acl-dialog';

const contains = (value: string, part: string) => value.toLowerCase().includes(part.trim().toLowerCase());

export function AclsView({ cluster }: { cluster?: string }) {
  const q = useQuery(aclsQuery(cluster));
  const cfg = useQuery(consoleConfigQuery());
  const del = useDeleteAcl(cluster);
  const [principal, setPrincipal] = useState('');
  const [resource, setResource] = useState('');
  const [creating, setCreating] = useState(false);
  const can = useCan(cluster);
  const writable = cfg.data?.readOnly === false && q.data?.authorizer === true;
  const rows = (q.data?.acls ?? []).filter((a) => contains(a.principal, principal) && contains(a.resourceName, resource));
  const remove = (a: AclDto) => {
    if (window.confirm(`Delete ${a.permission} ${a.operation} on ${a.resourceType} ${a.resourceName} for ${a.principal}?`)) del.mutate(a as AclInput);
  };
  const subtitle = q.data ? (q.data.authorizer ? `${q.data.acls.length} ACLs` : 'No authorizer') : q.isError ? undefined : 'Loading…';
  return (
    <>
      <PageHeader
        title="ACLs"
        subtitle={subtitle}
        actions={
          can('acl.create') && (
            <Button variant="primary" onClick={() => setCreating(true)} disabled={!writable}>
              Create ACL
            </Button>
          )
        }
      />
      <Card
        title={
          <div className="flex gap-2">
            <Input
              aria-label="Filter by principal"
              placeholder="Principal…"
              value={principal}
              onChange={(e) => setPrincipal(e.target.value)}
              className="h-8 w-48"
            />
            <Input
              aria-label="Filter by resource"
              placeholder="Resource name…"
              value={resource}
              onChange={(e) => setResource(e.target.value)}
              className="h-8 w-48"
            />
          </div>
        }
      >
        {del.isError && (
          <div className="p-4">
            <ErrorPanel error={del.error} />
          </div>
        )}
        {q.isError ? (
          <div className="p-4">
            <ErrorPanel error={q.error} onRetry={() => void q.refetch()} what="ACLs" />
          </div>
        ) : q.data && !q.data.authorizer ? (
          <div
            role="status"
            className="m-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
          >
            <div className="font-semibold">ACLs are not enabled on this cluster</div>
            <p className="mt-1">{q.data.message}</p>
          </div>
        ) : q.data ? (
          <Table label="ACLs">
            <thead>
              <tr>
                <Th>Resource</Th>
                <Th>Pattern</Th>
                <Th>Principal</Th>
                <Th>Host</Th>
                <Th>Operation</Th>
                <Th>Permission</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && <EmptyRow colSpan={7}>{q.data.acls.length === 0 ? 'No ACLs on this cluster.' : 'No ACL matches the filter.'}</EmptyRow>}
              {rows.map((a) => (
                <tr key={`${a.resourceType}|${a.resourceName}|${a.patternType}|${a.principal}|${a.host}|${a.operation}|${a.permission}`}>
                  <Td>
                    <span className="text-xs text-zinc-500">{a.resourceType}</span> <span className="font-medium">{a.resourceName}</span>
                  </Td>
                  <Td className="text-xs">{a.patternType}</Td>
                  <Td>{a.principal}</Td>
                  <Td className="text-xs">{a.host}</Td>
                  <Td className="text-xs">{a.operation}</Td>
                  <Td>
                    <Badge tone={a.permission === 'DENY' ? 'bad' : 'good'}>{a.permission}</Badge>
                  </Td>
                  <Td>
                    {writable && can('acl.delete') && (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Delete ACL ${a.permission} ${a.operation} ${a.resourceName} ${a.principal}`}
                        onClick={() => remove(a)}
                      >
                        Delete
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <TableSkeleton cols={7} />
        )}
      </Card>
      <CreateAclDialog open={creating} onClose={() => setCreating(false)} cluster={cluster} />
    </>
  );
}
