import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import { fetchJson } from '../fetch-json';
import type { CompatibilityDto, DeleteResultDto, RegisterResultDto, SchemaInput, SchemaVersionDto, SubjectDetailDto, SubjectListDto } from '../schemas/dto';
import { keys } from './keys';

const enc = encodeURIComponent;

export const subjectsQuery = (c: string | undefined) =>
  queryOptions({ queryKey: keys.schemas(c), queryFn: () => fetchJson<SubjectListDto>(apiUrl('/schemas', c)) });

export const subjectQuery = (c: string | undefined, subject: string) =>
  queryOptions({ queryKey: keys.subject(c, subject), queryFn: () => fetchJson<SubjectDetailDto>(apiUrl(`/schemas/${enc(subject)}`, c)) });

export const schemaVersionQuery = (c: string | undefined, subject: string, version: number) =>
  queryOptions({
    queryKey: keys.schemaVersion(c, subject, version),
    queryFn: () => fetchJson<SchemaVersionDto>(apiUrl(`/schemas/${enc(subject)}/versions/${version}`, c)),
    // a registered version never changes
    staleTime: Infinity,
  });

export function useCompatibility(c: string | undefined, subject: string) {
  return useMutation({
    mutationFn: (input: SchemaInput) =>
      fetchJson<CompatibilityDto>(apiUrl(`/schemas/${enc(subject)}/compatibility`, c), { method: 'POST', body: JSON.stringify(input) }),
  });
}

export function useRegisterSchema(c: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ subject, input }: { subject: string; input: SchemaInput }) =>
      fetchJson<RegisterResultDto>(apiUrl(`/schemas/${enc(subject)}/versions`, c), { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.schemas(c) }),
  });
}

export function useDeleteSchema(c: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ subject, version, permanent }: { subject: string; version?: number; permanent: boolean }) =>
      fetchJson<DeleteResultDto>(
        apiUrl(version === undefined ? `/schemas/${enc(subject)}` : `/schemas/${enc(subject)}/versions/${version}`, c, {
          permanent: permanent ? 'true' : undefined,
        }),
        { method: 'DELETE' },
      ),
    // Not awaited: the deleted subject's page refetches into a 404 that unmounts the dialog, and
    // react-query skips the caller's onSuccess (which leaves the page) once its component is gone.
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.schemas(c) }),
  });
}
