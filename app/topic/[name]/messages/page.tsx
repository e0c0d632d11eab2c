import { MessagesView } from '@/components/messages/messages-view';
import { existingTopicPage, type SearchParams } from '@/lib/server/page-guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `${decodeURIComponent((await params).name)} · messages` };
}

/**
 * Kafdrop's URL: /topic/{name}/messages?partition=&offset=&count=&format= (the API validates
 * every value). The view reads the rest of its state from the query string itself.
 */
export default async function MessagesPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<SearchParams> }) {
  const { topic, cluster } = await existingTopicPage(params, searchParams);
  return <MessagesView topic={topic} cluster={cluster} />;
}
