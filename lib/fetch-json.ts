import { ApiError } from './api-error';

/**
 * fetch() for the console's JSON API. A non-2xx answer always throws an ApiError, so
 * react-query puts the query in its error state instead of rendering an empty list.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}), ...init?.headers },
    });
  } catch (e) {
    throw new ApiError('internal', `Console server not reachable: ${e instanceof Error ? e.message : String(e)}`);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    // The session ended (expired, or signed out elsewhere): back to the login page, then here.
    if (response.status === 401 && typeof window !== 'undefined' && window.location.pathname !== '/login') {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw ApiError.fromBody(response.status, body);
  }
  return body as T;
}
