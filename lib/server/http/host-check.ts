/**
 * DNS-rebinding guard: the console answers only for host names it knows. A page on
 * evil.example that rebinds its name to 127.0.0.1 still sends `Host: evil.example`, so
 * refusing unknown names keeps such a page from reading or changing anything.
 *
 * Allowed by default: localhost, 127.0.0.1, [::1] and the bind address (HOST, unless it is a
 * wildcard such as 0.0.0.0). KAYAK_ALLOWED_HOSTS adds names (comma list) for a reverse proxy
 * or a remote address; an entry with a port ("kayak.example.com:8443") matches only that port,
 * one without matches any port, and "*" turns the check off. Only the name is compared by
 * default, as Vite and Jupyter do: the attacker controls the name, not the port, and a port
 * mapping (docker -p 8080:9000) must keep working.
 *
 * Used from middleware.ts (Edge runtime): Web APIs only, no Node modules.
 */
export interface HostPolicy {
  any: boolean;
  names: Set<string>;
  namesWithPort: Set<string>;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]']);

/** "Example.COM." → "example.com"; "::1" → "[::1]" (Host headers bracket IPv6 literals). */
function normalizeName(name: string): string {
  let n = name.trim().toLowerCase().replace(/\.$/, '');
  if (n.includes(':') && !n.startsWith('[')) n = `[${n}]`;
  return n;
}

/** Splits a Host header value into its name and port ("[::1]:9000" → ["[::1]", "9000"]). */
export function splitHost(host: string): { name: string; port: string | null } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m) return null;
  return { name: normalizeName(m[1]!), port: m[2] ?? null };
}

export function hostPolicy(env: Record<string, string | undefined> = process.env): HostPolicy {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const namesWithPort = new Set<string>();
  const bind = env.HOST?.trim() ?? '';
  if (!WILDCARDS.has(bind)) names.add(normalizeName(bind));
  let any = false;
  for (const raw of (env.KAYAK_ALLOWED_HOSTS ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === '*') {
      any = true;
      continue;
    }
    const parsed = splitHost(entry) ?? { name: normalizeName(entry), port: null };
    if (parsed.port) namesWithPort.add(`${parsed.name}:${parsed.port}`);
    else names.add(parsed.name);
  }
  return { any, names, namesWithPort };
}

/** Why the Host header is refused, or null when it is allowed. */
export function hostRefusal(host: string | null, policy: HostPolicy = hostPolicy()): string | null {
  if (policy.any) return null;
  if (!host) return 'The request has no Host header.';
  const parsed = splitHost(host);
  if (parsed && (policy.names.has(parsed.name) || (parsed.port && policy.namesWithPort.has(`${parsed.name}:${parsed.port}`)))) return null;
  return `This console does not answer for host "${host.slice(0, 200)}". Open it as http://localhost:<port>, or add the name to KAYAK_ALLOWED_HOSTS (comma list) when it runs behind a proxy or on another address.`;
}
