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
    // The session ended (expired, or signed out elsewhere): back to the login page, then here. Not
    // while the login page is what is shown: a signed-out visit to any page shows it at that
    // address, and reloading it there would cancel the user's own click (single sign-on).
    if (response.status === 401 && typeof window !== 'undefined' && !showsLoginPage()) {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw ApiError.fromBody(response.status, body);
  }
  return body as T;
}

/** The page marks itself (server-rendered, so before any query answers); /login is the page itself. */
function showsLoginPage(): boolean {
  return window.location.pathname === '/login' || document.querySelector('[data-login-page]') !== null;
}
