'use client';

import { useQuery } from '@tanstack/react-query';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { apiUrl } from '@/lib/cluster-url';
import type { TopicRatesDto } from '@/lib/dto';
import { fetchJson } from '@/lib/fetch-json';
import { formatRate } from '@/lib/format';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';

/** Produce rate per partition over the last minutes, from log-end offset deltas sampled by the server. */
export function ProduceSparklines({ topic, cluster, partitions }: { topic: string; cluster?: string; partitions: number }) {
  const q = useQuery({
    queryKey: ['topics', cluster ?? '', topic, 'rates'],
    queryFn: () => fetchJson<TopicRatesDto>(apiUrl(`/topics/${encodeURIComponent(topic)}/rates`, cluster)),
    refetchInterval: 5_000,
  });
  const points = q.data?.points ?? [];
  return (
    <Card title="Produce rate per partition">
      {q.isError ? (
        <ErrorPanel error={q.error} />
      ) : points.length === 0 ? (
        <p className="p-3 text-sm text-zinc-500">Measuring… (a rate needs two samples of the partitions&apos; end offsets)</p>
      ) : (
        <ul className="grid grid-cols-2 gap-2 p-3 sm:grid-cols-4" aria-label="Produce rates">
          {Array.from({ length: partitions }, (_, p) => {
            const data = points.map((x) => ({ at: x.at, r: x.rates[p] ?? 0 }));
            return (
              <li key={p} className="rounded border border-zinc-200 p-2 text-xs dark:border-zinc-800" data-testid="produce-rate" data-partition={p}>
                <div className="flex justify-between">
                  <span>Partition {p}</span>
                  <b>{formatRate(points.at(-1)?.rates[p] ?? null)}</b>
                </div>
                <div className="h-8">
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={data}>
                      <YAxis hide domain={[0, 'dataMax']} />
                      <Line type="monotone" dataKey="r" stroke="#6366f1" dot={false} strokeWidth={1.5} isAnimationActive={false} />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
