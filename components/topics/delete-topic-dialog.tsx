'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { withCluster } from '@/lib/cluster-url';
import { topicGroupsQuery, useDeleteTopic } from '@/lib/queries/topics';
import { ConfirmNameDialog } from '../ui/confirm-name-dialog';

/** Deletes a topic after its name is typed, warning when consumer groups still read it. */
export function DeleteTopicDialog({ open, onClose, cluster, topic }: { open: boolean; onClose: () => void; cluster?: string; topic: string }) {
  const router = useRouter();
  const del = useDeleteTopic(cluster);
  const groups = useQuery({ ...topicGroupsQuery(cluster, topic), enabled: open });
  const readers = groups.data ?? [];
  return (
    <ConfirmNameDialog
      open={open}
      onClose={onClose}
      title={`Delete topic ${topic}`}
      name={topic}
      nameLabel="Topic name"
      action="Delete topic"
      pending={del.isPending}
      error={del.isError ? del.error : null}
      onConfirm={() => del.mutate(topic, { onSuccess: () => router.push(withCluster('/topics', cluster)) })}
    >
      <p>This deletes the topic and all its messages.</p>
      {readers.length > 0 && (
        <p role="status" className="text-amber-700 dark:text-amber-300">
          {readers.length === 1 ? '1 consumer group still reads' : `${readers.length} consumer groups still read`} this topic:{' '}
          {readers
            .slice(0, 5)
            .map((g) => g.groupId)
            .join(', ')}
          {readers.length > 5 ? ', …' : ''}. Their committed offsets for it will point at a topic that no longer exists.
        </p>
      )}
    </ConfirmNameDialog>
  );
}
