'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt } from '@/lib/format';
import { formatClock } from '@/lib/time-zone';
import { useTimeZone } from '../layout/time-zone';
import { lagHistoryQuery } from '@/lib/queries/groups';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Skeleton } from '../ui/skeleton';

const RANGES = ['1h', '24h', '7d'] as const;

/** Total lag over time, sampled by the console server while it runs and kept across its restarts. */
export function LagChart({ groupId, cluster }: { groupId: string; cluster?: string }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>('1h');
  const q = useQuery(lagHistoryQuery(cluster, groupId, range));
  const zone = useTimeZone();
  // Chart values are numbers; lag beyond 2^53 only loses precision in the drawing, not in tables.
  const data = (q.data ?? []).map((s) => ({ at: s.at, lag: Number(s.lag) }));
  return (
    <Card
      title="Lag over time"
      actions={
        <div role="group" aria-label="Chart range" className="flex gap-1">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              onClick={() => setRange(r)}
              className={`rounded px-2 py-0.5 text-xs ${range === r ? 'bg-indigo-600 text-white' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'}`}
            >
              {r}
            </button>
          ))}
        </div>
      }
    >
      <div className="h-56 p-3">
        {q.isError ? (
          <ErrorPanel error={q.error} />
        ) : !q.data ? (
          <Skeleton className="h-full w-full" />
        ) : data.length < 2 ? (
          <div className="grid h-full place-items-center text-sm text-zinc-500">
            Collecting samples… ({data.length} so far; one every few seconds while the console runs)
          </div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <defs>
                <linearGradient id="lagFill" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stopColor="#6366f1" stopOpacity={0.4} />
                  <stop offset="100%" stopColor="#6366f1" stopOpacity={0.02} />
                </linearGradient>
              </defs>
              <CartesianGrid strokeDasharray="3 3" stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" />
              <XAxis
                dataKey="at"
                type="number"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(v: number) => formatClock(v, zone)}
                tick={{ fontSize: 11 }}
                stroke="#71717a"
              />
              <YAxis tickFormatter={(v: number) => formatInt(Math.round(v))} tick={{ fontSize: 11 }} width={60} stroke="#71717a" allowDecimals={false} />
              <Tooltip labelFormatter={(v) => formatClock(Number(v), zone)} formatter={(v) => [formatInt(Math.round(Number(v))), 'lag']} />
              <Area type="linear" dataKey="lag" stroke="#6366f1" fill="url(#lagFill)" strokeWidth={2} isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
