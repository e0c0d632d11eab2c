import { z } from 'zod';
import { readAuditTail } from '@/lib/server/audit/audit-log';
import { currentUser } from '@/lib/server/auth/current-user';
import { hasRole } from '@/lib/server/auth/roles';
import { parse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  user: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  cluster: z.string().optional(),
});

/**
 * GET /api/audit?user=&action=&limit= — audit entries, newest first. Needs admin on the selected
 * cluster (the permission table), and shows only the clusters where the user is admin.
 */
export const GET = route(async ({ req }) => {
  const q = parse(querySchema, Object.fromEntries(req.nextUrl.searchParams));
  const user = (await currentUser(req))!;
  const entries = await readAuditTail();
  return entries.filter((e) => hasRole(user, e.cluster, 'admin') && (!q.user || e.user === q.user) && (!q.action || e.action === q.action)).slice(0, q.limit);
});
