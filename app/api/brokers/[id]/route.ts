import { describeBroker } from '@/lib/server/kafka/brokers';
import { parse, route } from '@/lib/server/route';
import { brokerIdSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ params, cluster }) => describeBroker(cluster, parse(brokerIdSchema, params.id)));
