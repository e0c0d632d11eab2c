'use client';

import Link from 'next/link';
import { useParams, useSearchParams } from 'next/navigation';
import { ApiError } from '@/lib/api-error';
import { withCluster } from '@/lib/cluster-url';
import { ErrorPanel } from './error-panel';
import { PageHeader } from './page-header';

const LISTS = {
  topic: ['Topic', 'Topics', '/topics'],
  group: ['Consumer group', 'Consumer groups', '/consumers'],
  broker: ['Broker', 'Brokers', '/brokers'],
} as const;

/** The 404 page of a topic, a consumer group or a broker: says what is missing and links back to the list. */
export function MissingResource({ kind }: { kind: 'topic' | 'group' | 'broker' }) {
  const params = useParams<{ name?: string; id?: string }>();
  const cluster = useSearchParams().get('cluster') ?? undefined;
  const raw = (kind === 'topic' ? params.name : params.id) ?? '';
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // already decoded
  }
  const [label, list, href] = LISTS[kind];
  return (
    <>
      <PageHeader
        title={name}
        subtitle={
          <Link className="hover:underline" href={withCluster(href, cluster)}>
            {list}
          </Link>
        }
      />
      <ErrorPanel error={new ApiError('not_found', `${label} "${name}" does not exist in this cluster.`)} />
    </>
  );
}
