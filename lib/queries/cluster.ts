import { queryOptions } from '@tanstack/react-query';
import { apiUrl } from '../cluster-url';
import type { ClusterRef, OverviewDto } from '../dto';
import { fetchJson } from '../fetch-json';
import { keys } from './keys';

export const clustersQuery = () => queryOptions({ queryKey: keys.clusters(), queryFn: () => fetchJson<ClusterRef[]>('/api/clusters'), staleTime: 60_000 });

export const overviewQuery = (cluster: string | undefined) =>
  queryOptions({ queryKey: keys.overview(cluster), queryFn: () => fetchJson<OverviewDto>(apiUrl('/cluster', cluster)), refetchInterval: 15_000 });
