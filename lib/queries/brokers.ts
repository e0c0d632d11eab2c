import { queryOptions } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { BrokerDetailDto, BrokerListDto } from '../dto';
import { fetchJson } from '../fetch-json';
import { keys } from './keys';

export const brokersQuery = (c: string | undefined) =>
  queryOptions({ queryKey: keys.brokers(c), queryFn: () => fetchJson<BrokerListDto>(apiUrl('/brokers', c)), refetchInterval: 15_000 });

export const brokerQuery = (c: string | undefined, id: number) =>
  queryOptions({ queryKey: keys.broker(c, id), queryFn: () => fetchJson<BrokerDetailDto>(apiUrl(`/brokers/${id}`, c)), refetchInterval: 30_000 });
