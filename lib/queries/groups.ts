import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { GroupDetailDto, GroupLagTimeDto, GroupSummaryDto, LagSampleDto, ResetPreviewDto } from '../dto';
import { fetchJson } from '../fetch-json';
import type { ResetApplyInput, ResetPreviewInput } from '../validation';
import { keys } from './keys';

const enc = encodeURIComponent;

export const groupsQuery = (c: string | undefined) =>
  queryOptions({ queryKey: keys.groups(c), queryFn: () => fetchJson<GroupSummaryDto[]>(apiUrl('/groups', c)), refetchInterval: 10_000 });

export const groupQuery = (c: string | undefined, id: string) =>
  queryOptions({ queryKey: keys.group(c, id), queryFn: () => fetchJson<GroupDetailDto>(apiUrl(`/groups/${enc(id)}`, c)), refetchInterval: 5_000 });

export const lagHistoryQuery = (c: string | undefined, id: string, range: '1h' | '24h' | '7d' = '1h') =>
  queryOptions({
    queryKey: [...keys.lagHistory(c, id), range],
    queryFn: () => fetchJson<LagSampleDto[]>(apiUrl(`/groups/${enc(id)}/lag-history`, c, { range })),
    refetchInterval: 5_000,
  });

export const lagTimeQuery = (c: string | undefined, id: string) =>
  queryOptions({
    queryKey: [...keys.group(c, id), 'lag-time'],
    queryFn: () => fetchJson<GroupLagTimeDto>(apiUrl(`/groups/${enc(id)}/lag-time`, c)),
    refetchInterval: 5_000,
  });

export function useResetPreview(c: string | undefined, id: string) {
  return useMutation({
    mutationFn: (input: ResetPreviewInput) =>
      fetchJson<ResetPreviewDto>(apiUrl(`/groups/${enc(id)}/reset-offsets/preview`, c), { method: 'POST', body: JSON.stringify(input) }),
  });
}

export function useApplyReset(c: string | undefined, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ResetApplyInput) =>
      fetchJson<{ applied: number }>(apiUrl(`/groups/${enc(id)}/reset-offsets`, c), { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.groups(c) }),
  });
}

export function useDeleteGroup(c: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ deleted: string }>(apiUrl(`/groups/${enc(id)}`, c), { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.groups(c) }),
  });
}

export function useDeleteGroupTopicOffsets(c: string | undefined, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (topic: string) => fetchJson<{ deleted: boolean }>(apiUrl(`/groups/${enc(id)}/offsets`, c, { topic }), { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.groups(c) }),
  });
}
