import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api-error';

/** One retry policy: never retry bad input or missing things; retry outages a little. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (count, error) => {
          if (error instanceof ApiError && ['bad_request', 'not_found', 'conflict', 'unsupported'].includes(error.code)) return false;
          return count < 1;
        },
        refetchOnWindowFocus: true,
      },
    },
  });
}
