import { listTransactions } from '@/lib/server/kafka/transactions';
import { route } from '@/lib/server/route';
import type { TransactionListDto } from '@/lib/dto';

export const dynamic = 'force-dynamic';

/**
 * GET /api/transactions — every transactional id the cluster's coordinators know (ongoing and
 * recently completed), described: producer id and epoch, state, partitions, start time and
 * timeout. 501 when the cluster has no ListTransactions/DescribeTransactions.
 */
export const GET = route(async ({ cluster }): Promise<TransactionListDto> => ({ transactions: await listTransactions(cluster) }));
