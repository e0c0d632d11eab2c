'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { topicListCommands } from '@/lib/cli-commands';
import { useCan } from '@/lib/queries/access';
import { clustersQuery } from '@/lib/queries/cluster';
import { Button } from '../ui/button';
import { CopyCli } from '../ui/copy-cli';
import { PageHeader } from '../ui/page-header';
import { CreateTopicDialog } from './create-topic-dialog';
import { TopicList } from './topic-list';

export function TopicsView({ cluster }: { cluster?: string }) {
  const clusters = useQuery(clustersQuery());
  const brokers = clusters.data?.find((c) => c.id === cluster)?.brokers ?? clusters.data?.[0]?.brokers ?? [];
  const [creating, setCreating] = useState(false);
  const can = useCan(cluster);

  return (
    <>
      <PageHeader
        title="Topics"
        actions={
          <>
            <CopyCli commands={topicListCommands(brokers)} />
            {can('topic.create') && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                New topic
              </Button>
            )}
          </>
        }
      />
      <TopicList cluster={cluster} />
      <CreateTopicDialog open={creating} onClose={() => setCreating(false)} cluster={cluster} brokers={brokers} />
    </>
  );
}
