import { MessagesView } from '@/components/messages/messages-view';
import { assertTopicExistsIn } from '@/lib/server/kafka/topics';
import { notFoundIfMissing } from '@/lib/server/page-guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `${decodeURIComponent((await params).name)} · messages` };
}

/**
 * Kafdrop's URL: /topic/{name}/messages?partition=&offset=&count=&format= (the API validates
 * every value). The view reads the rest of its state from the query string itself.
 */
export default async function MessagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ name }, s] = await Promise.all([params, searchParams]);
  const cluster = typeof s.cluster === 'string' ? s.cluster : undefined;
  const topic = decodeURIComponent(name);
  await notFoundIfMissing(cluster, (c) => assertTopicExistsIn(c, topic));
  return <MessagesView topic={topic} cluster={cluster} />;
}
