'use client';

import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import type { DecodedDto } from '@/lib/messages/dto';
import { Badge } from '../ui/badge';

/** The format a key or value was read as; for registry schemas also the subject and version (or id), linked to the subject's page. */
export function FormatBadge({ d, side, cluster }: { d: DecodedDto; side: 'key' | 'value'; cluster?: string }) {
  const schema = d.subject !== undefined ? `${d.subject} v${d.version}` : d.schemaId !== undefined ? `schema id ${d.schemaId}` : d.messageType;
  const label = (
    <Badge tone={d.schemaType ? 'info' : 'neutral'}>
      {side}: {d.format}
      {schema ? ` · ${schema}` : ''}
    </Badge>
  );
  if (d.subject === undefined) return label;
  return (
    <Link
      href={withCluster(`/schemas/${encodeURIComponent(d.subject)}`, cluster, { version: d.version })}
      title={`Schema id ${d.schemaId}${d.messageType ? `, message ${d.messageType}` : ''}`}
      data-testid={`${side}-schema`}
    >
      {label}
    </Link>
  );
}
