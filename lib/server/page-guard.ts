import 'server-only';
import { notFound } from 'next/navigation';
import { ApiError } from '../api-error';
import type { ClusterRef } from '../dto';
import { resolveCluster } from './clusters';
import { assertTopicExistsIn } from './kafka/topics';

/** How long a page waits for the existence check before rendering anyway. */
const CHECK_MS = 3000;

/**
 * Answers a page for a missing topic or group with HTTP 404 (Next's notFound()), asking the same
 * access layer the API uses. Any other outcome (unreachable cluster, slow answer, unknown
 * cluster id) renders the page as usual: its own queries then show that error.
 */
export async function notFoundIfMissing(clusterId: string | undefined, exists: (cluster: ClusterRef) => Promise<unknown>): Promise<void> {
  let missing = false;
  try {
    const cluster = resolveCluster(clusterId);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CHECK_MS)));
    await Promise.race([exists(cluster), timeout]).finally(() => clearTimeout(timer));
  } catch (e) {
    missing = e instanceof ApiError && e.code === 'not_found';
  }
  if (missing) notFound();
}

/** A page's URL query as Next hands it over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A topic page's topic, cluster and query, after answering 404 for a topic the cluster does not
 * have (see notFoundIfMissing): what every page under /topic/{name} starts with.
 */
export async function existingTopicPage(
  params: Promise<{ name: string }>,
  searchParams: Promise<SearchParams>,
): Promise<{ topic: string; cluster: string | undefined; search: SearchParams }> {
  const [{ name }, search] = await Promise.all([params, searchParams]);
  const cluster = typeof search.cluster === 'string' ? search.cluster : undefined;
  const topic = decodeURIComponent(name);
  await notFoundIfMissing(cluster, (c) => assertTopicExistsIn(c, topic));
  return { topic, cluster, search };
}
