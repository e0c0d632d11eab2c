import { queryOptions } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { PartitionProducersDto, TransactionListDto } from '../dto';
import { fetchJson } from '../fetch-json';
import { keys } from './keys';

export const transactionsQuery = (c: string | undefined) =>
  queryOptions({ queryKey: keys.transactions(c), queryFn: () => fetchJson<TransactionListDto>(apiUrl('/transactions', c)), refetchInterval: 5_000 });

export const topicProducersQuery = (c: string | undefined, name: string) =>
  queryOptions({
    queryKey: keys.topicProducers(c, name),
    queryFn: () => fetchJson<PartitionProducersDto[]>(apiUrl(`/topics/${encodeURIComponent(name)}/producers`, c)),
    refetchInterval: 15_000,
  });
