import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { ConsoleConfigDto, MessagePageDto, ProduceResultDto } from '../messages/dto';
import type { ProduceInput } from '../messages/params';
import { fetchJson } from '../fetch-json';

const enc = encodeURIComponent;

/** Query string of a browse request; also the basis of export links. */
export type BrowseQuery = Record<string, string | undefined>;

export const messagesQuery = (c: string | undefined, topic: string, q: BrowseQuery) =>
  queryOptions({
    queryKey: ['messages', c ?? '', topic, q] as const,
    queryFn: () => fetchJson<MessagePageDto>(apiUrl(`/topics/${enc(topic)}/messages`, c, q)),
    retry: false,
    staleTime: 5_000,
  });

/** Per cluster: each cluster has its own schema registry. */
export const consoleConfigQuery = (c?: string) =>
  queryOptions({ queryKey: ['console-config', c ?? ''] as const, queryFn: () => fetchJson<ConsoleConfigDto>(apiUrl('/console-config', c)), staleTime: 60_000 });

export function useProduce(c: string | undefined, topic: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProduceInput) =>
      fetchJson<ProduceResultDto>(apiUrl(`/topics/${enc(topic)}/produce`, c), { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['messages', c ?? '', topic] }),
  });
}
