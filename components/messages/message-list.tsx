'use client';

import type { MarkerDto, MessageDto } from '@/lib/messages/dto';
import { interleave } from '@/lib/messages/interleave';
import { recordId, type RecordView } from '@/lib/messages/view-state';
import { MarkerLine, MessageCard, type RecordProps } from './message-card';
import { MessageTable } from './message-table';

/** Records and transaction markers as the compact table (default) or as cards; `highlight` = "partition:offset". */
export function MessageList({
  messages,
  markers = [],
  newestFirst = false,
  view,
  highlight,
  ...rest
}: RecordProps & { messages: MessageDto[]; markers?: MarkerDto[]; newestFirst?: boolean; view: RecordView; highlight?: string }) {
  const items = interleave(messages, markers);
  if (newestFirst) items.reverse();
  if (items.length === 0) return null;
  if (view === 'table') return <MessageTable items={items} highlight={highlight} {...rest} />;
  return (
    <ol className="space-y-2" aria-label="Messages">
      {items.map((it) =>
        'marker' in it ? (
          <li
            key={`marker:${it.marker.partition}:${it.marker.offset}`}
            role="separator"
            data-testid="marker"
            data-offset={it.marker.offset}
            data-partition={it.marker.partition}
          >
            <MarkerLine m={it.marker} />
          </li>
        ) : (
          <MessageCard key={recordId(it.message)} m={it.message} highlighted={highlight === recordId(it.message)} {...rest} />
        ),
      )}
    </ol>
  );
}
