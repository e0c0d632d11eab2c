import 'server-only';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import type { Isolation } from '../../messages/dto';
import { withFreeConsumer } from '../kafka/free-consumer';
import type { Send } from '../sse';
import { toMarkerDto, toMessageDto, type RenderOptions } from './to-dto';

/**
 * Live tail: long-polls Fetch from each partition's end (or a given cursor) and sends every
 * new record. It stops at the next poll after the browser disconnects or pauses, so an idle
 * tab costs nothing once closed. The borrowed connection is used by this stream alone.
 */
export interface TailRequest {
  topic: string;
  partition: number | null;
  cursor?: Map<number, bigint>;
  isolation: Isolation;
  render: RenderOptions;
}

const POLL_MS = 1000;

export async function runTail(cluster: ClusterRef, req: TailRequest, send: Send, signal: AbortSignal): Promise<void> {
  await withFreeConsumer(
    cluster,
    req.topic,
    async (c) => {
      if (req.partition !== null && !c.partitions.includes(req.partition))
        throw new ApiError('not_found', `Topic "${req.topic}" has no partition ${req.partition}`);
      const parts = req.partition === null ? c.partitions : [req.partition];
      const pos = new Map<number, bigint>();
      for (const p of parts) {
        const b = await c.bounds(p);
        const cur = req.cursor?.get(p);
        pos.set(p, cur !== undefined && cur >= b.low && cur <= b.high ? cur : b.high);
      }
      const cursor = () => [...pos].map(([p, o]) => `${p}:${o}`).join(',');
      send('ready', { cursor: cursor() });
      while (!signal.aborted) {
        const results = await c.fetchMany(pos, { maxWaitMs: POLL_MS });
        let got = 0;
        for (const [p, res] of results) {
          for (const r of res.records) {
            if (signal.aborted) return;
            send('record', await toMessageDto(r, req.render));
            got++;
          }
          for (const m of res.markers) {
            send('marker', toMarkerDto(m));
            got++;
          }
          if (res.nextOffset > pos.get(p)!) pos.set(p, res.nextOffset);
          // A partition truncated below our position (records deleted) restarts at its end.
          if (res.highWatermark < pos.get(p)!) pos.set(p, res.highWatermark);
        }
        if (got > 0) send('position', { cursor: cursor() });
        else await new Promise((r) => setTimeout(r, 50)); // a broker that does not long-poll must not spin
      }
    },
    req.isolation,
  );
}
