import { clusterOverview } from '@/lib/server/kafka/cluster';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ cluster }) => clusterOverview(cluster));
