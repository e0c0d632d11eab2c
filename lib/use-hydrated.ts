import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False on the server and while React hydrates the server's HTML, true from then on.
 *
 * React hydrates a Suspense boundary (the header's links and menus are in some) at idle
 * priority, after the rest of the page has mounted and started its queries. When a query the
 * boundary also reads (the user's permissions, the cluster list) has answered by then, the
 * boundary would render that answer where the server rendered the loading state, and React
 * reports a hydration mismatch (minified error #418) and re-renders the whole boundary.
 * Rendering shared query data only once hydrated keeps hydration identical to the server's
 * HTML; React re-renders with the data right after.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
