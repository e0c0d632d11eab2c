import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { KeyHistoryDto, RecordDiffPageDto } from '../messages/diff-params';
import { fetchJson } from '../fetch-json';

const enc = encodeURIComponent;

/** a, b and the decode options, exactly as in the page's URL. */
export const recordDiffQuery = (c: string | undefined, topic: string, q: Record<string, string | undefined>) =>
  queryOptions({
    queryKey: ['diff', c ?? '', topic, q] as const,
    queryFn: () => fetchJson<RecordDiffPageDto>(apiUrl(`/topics/${enc(topic)}/diff`, c, q)),
    retry: false,
  });

/** Pages of versions: each "Older" continues from the previous answer's cursor. */
export const keyHistoryQuery = (c: string | undefined, topic: string, q: Record<string, string | undefined>) =>
  infiniteQueryOptions({
    queryKey: ['key-history', c ?? '', topic, q] as const,
    queryFn: ({ pageParam }) => fetchJson<KeyHistoryDto>(apiUrl(`/topics/${enc(topic)}/key-history`, c, { ...q, before: pageParam ?? undefined })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cursor,
    retry: false,
  });
