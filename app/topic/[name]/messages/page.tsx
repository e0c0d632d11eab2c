import { MessagesView } from '@/components/messages/messages-view';
import { assertTopicExistsIn } from '@/lib/server/kafka/topics';
import { notFoundIfMissing } from '@/lib/server/page-guard';

export const dynamic = 'force-dynamic';

const KEYS = ['partition', 'offset', 'timestamp', 'count', 'format', 'keyFormat', 'protoType', 'keyProtoType', 'avroSchema', 'cursor', 'before', 'isolation'] as const;

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `${decodeURIComponent((await params).name)} · messages` };
}

/** Kafdrop's URL: /topic/{name}/messages?partition=&offset=&count=&format= (the API validates every value). */
export default async function MessagesPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ name }, s] = await Promise.all([params, searchParams]);
  const browse: Record<string, string | undefined> = {};
  for (const k of KEYS) {
    const v = s[k];
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined && one !== '') browse[k] = one;
  }
  if (s.msgTypeName && !browse.protoType) browse.protoType = String(s.msgTypeName);
  const cluster = typeof s.cluster === 'string' ? s.cluster : undefined;
  const topic = decodeURIComponent(name);
  await notFoundIfMissing(cluster, (c) => assertTopicExistsIn(c, topic));
  return <MessagesView topic={topic} cluster={cluster} params={browse} />;
}
