import { queryOptions } from '@tanstack/react-query';
import type { AuditEntryDto } from '../auth-dto';
import { apiUrl } from '../cluster-url';
import { fetchJson } from '../fetch-json';
import { keys } from './keys';

export const auditQuery = (c: string | undefined, filter: { user?: string; action?: string }) => {
  const f = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<string, string>;
  return queryOptions({ queryKey: keys.audit(c, f), queryFn: () => fetchJson<AuditEntryDto[]>(apiUrl('/audit', c, f)), refetchInterval: 10_000 });
};
