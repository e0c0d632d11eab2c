import { listClusters } from '@/lib/server/clusters';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route(async () => listClusters());
