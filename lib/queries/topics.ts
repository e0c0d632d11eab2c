import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { ConfigEntryDto, TopicDetailDto, TopicGroupLagDto, TopicListingDto, TopicSummaryDto } from '../dto';
import { fetchJson } from '../fetch-json';
import type { AlterConfigsInput, CreateTopicInput } from '../validation';
import { keys } from './keys';

const enc = encodeURIComponent;

export const topicsQuery = (c: string | undefined) =>
  queryOptions({ queryKey: keys.topics(c), queryFn: () => fetchJson<TopicSummaryDto[]>(apiUrl('/topics', c)), refetchInterval: 15_000 });

/** Every topic without counts (one Metadata request): the topic list shows it while the counts are read. */
export const topicListingQuery = (c: string | undefined) =>
  queryOptions({ queryKey: keys.topicListing(c), queryFn: () => fetchJson<TopicListingDto[]>(apiUrl('/topics', c, { stats: 'false' })) });

export const topicQuery = (c: string | undefined, name: string) =>
  queryOptions({ queryKey: keys.topic(c, name), queryFn: () => fetchJson<TopicDetailDto>(apiUrl(`/topics/${enc(name)}`, c)), refetchInterval: 10_000 });

export const topicConfigsQuery = (c: string | undefined, name: string) =>
  queryOptions({ queryKey: keys.topicConfigs(c, name), queryFn: () => fetchJson<ConfigEntryDto[]>(apiUrl(`/topics/${enc(name)}/configs`, c)) });

export const topicGroupsQuery = (c: string | undefined, name: string) =>
  queryOptions({
    queryKey: keys.topicGroups(c, name),
    queryFn: () => fetchJson<TopicGroupLagDto[]>(apiUrl(`/topics/${enc(name)}/groups`, c)),
    refetchInterval: 15_000,
    retry: false,
  });

export function useCreateTopic(c: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTopicInput) => fetchJson<TopicSummaryDto>(apiUrl('/topics', c), { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.topics(c) }),
  });
}

export function useDeleteTopic(c: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => fetchJson<{ deleted: string }>(apiUrl(`/topics/${enc(name)}`, c), { method: 'DELETE' }),
    onSuccess: (_d, name) => {
      qc.removeQueries({ queryKey: keys.topic(c, name) });
      return qc.invalidateQueries({ queryKey: keys.topics(c) });
    },
  });
}

export function useAlterConfigs(c: string | undefined, name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AlterConfigsInput) =>
      fetchJson<ConfigEntryDto[]>(apiUrl(`/topics/${enc(name)}/configs`, c), { method: 'PATCH', body: JSON.stringify(input) }),
    onSuccess: (data) => qc.setQueryData(keys.topicConfigs(c, name), data),
  });
}

export function useAddPartitions(c: string | undefined, name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (count: number) => fetchJson<TopicDetailDto>(apiUrl(`/topics/${enc(name)}/partitions`, c), { method: 'POST', body: JSON.stringify({ count }) }),
    onSuccess: (data) => {
      qc.setQueryData(keys.topic(c, name), data);
      return qc.invalidateQueries({ queryKey: keys.topics(c), exact: true });
    },
  });
}
