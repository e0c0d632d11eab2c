import { currentUser } from '@/lib/server/auth/current-user';
import { describeAccess } from '@/lib/server/auth/me';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** GET /api/me?cluster= — who is signed in (null when nobody) and what they may do there. */
export const GET = route(async ({ req, cluster }) => describeAccess(await currentUser(req), cluster));
