/**
 * The ONE table of what each API route needs: method + route pattern → permission, and for
 * writes the audit action. A route that is not listed here is refused (deny by default);
 * test/console/route-permissions.test.ts checks that every exported handler under app/api is listed.
 *
 * No 'server-only' import: the login gate in middleware.ts reads this table too.
 */
export type Permission =
  /** anyone, signed in or not (health check, the login endpoints) */
  | 'public'
  /** any signed-in user, whatever their roles (who am I, the cluster list) */
  | 'signed-in'
  /** viewer on the cluster: topics, groups, configs, brokers */
  | 'read'
  /** viewer on the cluster, and the user may see message contents */
  | 'messages'
  /** operator on the cluster: produce, reset offsets, edit configs */
  | 'operate'
  /** admin on the cluster: create/delete topics, add partitions, delete groups and offsets, the audit log */
  | 'admin';

export interface RouteRule {
  method: string;
  /** Next.js route pattern, e.g. /api/topics/[name]/produce */
  pattern: string;
  permission: Permission;
  /** Writes only: the action written to the audit log, and what the UI calls it in a refusal. */
  action?: { id: string; label: string };
}

const rules: RouteRule[] = [
  { method: 'GET', pattern: '/api/ping', permission: 'public' },
  { method: 'POST', pattern: '/api/auth/login', permission: 'public' },
  { method: 'POST', pattern: '/api/auth/logout', permission: 'public' },
  { method: 'GET', pattern: '/api/auth/oidc/login', permission: 'public' },
  { method: 'GET', pattern: '/api/auth/oidc/callback', permission: 'public' },
  { method: 'GET', pattern: '/api/me', permission: 'public' },
  { method: 'GET', pattern: '/api/clusters', permission: 'signed-in' },
  { method: 'GET', pattern: '/api/console-config', permission: 'signed-in' },
  { method: 'GET', pattern: '/api/cluster', permission: 'read' },
  { method: 'GET', pattern: '/api/brokers', permission: 'read' },
  { method: 'GET', pattern: '/api/brokers/[id]', permission: 'read' },
  { method: 'GET', pattern: '/api/topics', permission: 'read' },
  { method: 'POST', pattern: '/api/topics', permission: 'admin', action: { id: 'topic.create', label: 'Creating topics' } },
  { method: 'GET', pattern: '/api/topics/[name]', permission: 'read' },
  { method: 'DELETE', pattern: '/api/topics/[name]', permission: 'admin', action: { id: 'topic.delete', label: 'Deleting topics' } },
  { method: 'GET', pattern: '/api/topics/[name]/configs', permission: 'read' },
  { method: 'PATCH', pattern: '/api/topics/[name]/configs', permission: 'operate', action: { id: 'topic.configs', label: 'Changing topic configs' } },
  { method: 'POST', pattern: '/api/topics/[name]/partitions', permission: 'admin', action: { id: 'topic.add-partitions', label: 'Adding partitions' } },
  { method: 'GET', pattern: '/api/topics/[name]/groups', permission: 'read' },
  // Active producers and transactions show ids, epochs and partitions, never record contents.
  { method: 'GET', pattern: '/api/topics/[name]/producers', permission: 'read' },
  { method: 'GET', pattern: '/api/topics/[name]/messages', permission: 'messages' },
  { method: 'GET', pattern: '/api/topics/[name]/search', permission: 'messages' },
  { method: 'GET', pattern: '/api/topics/[name]/tail', permission: 'messages' },
  // Diff and key history read record contents, as the message view does; they change nothing.
  { method: 'GET', pattern: '/api/topics/[name]/diff', permission: 'messages' },
  { method: 'GET', pattern: '/api/topics/[name]/key-history', permission: 'messages' },
  { method: 'POST', pattern: '/api/topics/[name]/produce', permission: 'operate', action: { id: 'topic.produce', label: 'Producing messages' } },
  { method: 'GET', pattern: '/api/groups', permission: 'read' },
  { method: 'GET', pattern: '/api/groups/[id]', permission: 'read' },
  { method: 'DELETE', pattern: '/api/groups/[id]', permission: 'admin', action: { id: 'group.delete', label: 'Deleting consumer groups' } },
  { method: 'GET', pattern: '/api/groups/[id]/lag-history', permission: 'read' },
  // Lag in time reads one record's timestamp per lagging partition, never its contents.
  { method: 'GET', pattern: '/api/groups/[id]/lag-time', permission: 'read' },
  { method: 'GET', pattern: '/api/topics/[name]/rates', permission: 'read' },
  { method: 'DELETE', pattern: '/api/groups/[id]/offsets', permission: 'admin', action: { id: 'group.delete-offsets', label: "Deleting a group's offsets" } },
  // The preview changes nothing, but it only serves a reset, which operators may do.
  { method: 'POST', pattern: '/api/groups/[id]/reset-offsets/preview', permission: 'operate' },
  { method: 'POST', pattern: '/api/groups/[id]/reset-offsets', permission: 'operate', action: { id: 'group.reset-offsets', label: 'Resetting offsets' } },
  // Replay and dead-letter redrive (one job engine). Reading jobs shows record selections and
  // edits, so it needs message access; the dry run changes nothing and is offered in read-only mode.
  { method: 'GET', pattern: '/api/replay', permission: 'messages' },
  { method: 'POST', pattern: '/api/replay', permission: 'operate', action: { id: 'replay.start', label: 'Replaying and redriving messages' } },
  { method: 'POST', pattern: '/api/replay/preview', permission: 'messages' },
  { method: 'GET', pattern: '/api/replay/[id]', permission: 'messages' },
  { method: 'GET', pattern: '/api/replay/[id]/events', permission: 'messages' },
  { method: 'POST', pattern: '/api/replay/[id]/cancel', permission: 'operate', action: { id: 'replay.cancel', label: 'Cancelling replay jobs' } },
  { method: 'POST', pattern: '/api/replay/[id]/resume', permission: 'operate', action: { id: 'replay.resume', label: 'Resuming replay jobs' } },
  { method: 'GET', pattern: '/api/transactions', permission: 'read' },
  { method: 'GET', pattern: '/api/acls', permission: 'read' },
  { method: 'POST', pattern: '/api/acls', permission: 'admin', action: { id: 'acl.create', label: 'Creating ACLs' } },
  { method: 'DELETE', pattern: '/api/acls', permission: 'admin', action: { id: 'acl.delete', label: 'Deleting ACLs' } },
  { method: 'GET', pattern: '/api/audit', permission: 'admin' },
  // Schemas describe data but hold none of it: reading them needs only viewer.
  { method: 'GET', pattern: '/api/schemas', permission: 'read' },
  { method: 'GET', pattern: '/api/schemas/[subject]', permission: 'read' },
  { method: 'GET', pattern: '/api/schemas/[subject]/versions/[version]', permission: 'read' },
  // The check changes nothing, but it only serves registering, which operators may do.
  { method: 'POST', pattern: '/api/schemas/[subject]/compatibility', permission: 'operate' },
  { method: 'POST', pattern: '/api/schemas/[subject]/versions', permission: 'operate', action: { id: 'schema.register', label: 'Registering schemas' } },
  { method: 'DELETE', pattern: '/api/schemas/[subject]', permission: 'admin', action: { id: 'schema.delete', label: 'Deleting schema subjects' } },
  {
    method: 'DELETE',
    pattern: '/api/schemas/[subject]/versions/[version]',
    permission: 'admin',
    action: { id: 'schema.delete-version', label: 'Deleting schema versions' },
  },
];

export const ROUTE_RULES: readonly RouteRule[] = rules;

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((seg) => (/^\[[^\]]+\]$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}/?$`);
}

const compiled = rules.map((r) => ({ rule: r, re: toRegExp(r.pattern) }));

/** The rule for a request, or undefined (then the request is refused). HEAD is treated as GET. */
export function findRule(method: string, pathname: string): RouteRule | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return compiled.find((c) => c.rule.method === m && c.re.test(pathname))?.rule;
}
