import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { AclListDto } from '../dto';
import { fetchJson } from '../fetch-json';
import type { AclInput } from '../validation';
import { keys } from './keys';

export const aclsQuery = (c: string | undefined) =>
  queryOptions({ queryKey: keys.acls(c), queryFn: () => fetchJson<AclListDto>(apiUrl('/acls', c)), refetchInterval: 15_000 });

export function useCreateAcl(c: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (acl: AclInput) => fetchJson<{ created: AclInput }>(apiUrl('/acls', c), { method: 'POST', body: JSON.stringify(acl) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.acls(c) }),
  });
}

export function useDeleteAcl(c: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (acl: AclInput) => fetchJson<{ deleted: number }>(apiUrl('/acls', c), { method: 'DELETE', body: JSON.stringify(acl) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.acls(c) }),
  });
}
