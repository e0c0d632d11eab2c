/** Builds console URLs that keep the selected cluster (`?cluster=`), so every view is shareable. */
export function withCluster(path: string, clusterId: string | undefined, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  if (clusterId) search.set('cluster', clusterId);
  const q = search.toString();
  return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
}

export function apiUrl(path: string, clusterId: string | undefined, params: Record<string, string | number | undefined> = {}): string {
  return withCluster(`/api${path}`, clusterId, params);
}
