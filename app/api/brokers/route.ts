import { listBrokers } from '@/lib/server/kafka/brokers';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route(async ({ cluster }) => listBrokers(cluster));
