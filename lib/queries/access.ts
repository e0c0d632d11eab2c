import { queryOptions, useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import type { ActionId, MeDto } from '../auth-dto';
import { apiUrl } from '../cluster-url';
import { fetchJson } from '../fetch-json';
import { useHydrated } from '../use-hydrated';
import { keys } from './keys';

export const meQuery = (c: string | undefined) => queryOptions({ queryKey: keys.me(c), queryFn: () => fetchJson<MeDto>(apiUrl('/me', c)), staleTime: 30_000 });

/**
 * May the user do this here? False until the server has answered: write buttons appear only
 * once the role is known, never flash for a viewer. False while hydrating too, as on the server
 * (see useHydrated): the header and the page both ask, and either may hydrate after the answer.
 */
export function useCan(c: string | undefined): (what: ActionId | 'messages' | 'audit') => boolean {
  const me = useQuery(meQuery(c));
  const hydrated = useHydrated();
  return (what) => hydrated && me.data?.can[what] === true;
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ signedOut: boolean }>('/api/auth/logout', { method: 'POST', body: '{}' }),
    onSuccess: () => {
      qc.clear();
      window.location.assign('/login');
    },
  });
}
