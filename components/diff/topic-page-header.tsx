'use client';

import Link from 'next/link';
import { withCluster } from '@/lib/cluster-url';
import { PageHeader } from '../ui/page-header';

/** "<topic> · <what>" with the topic linked to its page. */
export function TopicPageHeader({ topic, cluster, what, subtitle }: { topic: string; cluster?: string; what: string; subtitle: string }) {
  return (
    <PageHeader
      title={
        <>
          <Link href={withCluster(`/topic/${encodeURIComponent(topic)}`, cluster)} className="hover:underline">
            {topic}
          </Link>{' '}
          · {what}
        </>
      }
      subtitle={subtitle}
    />
  );
}
