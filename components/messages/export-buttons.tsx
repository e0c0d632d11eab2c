'use client';

import type { MessageDto } from '@/lib/messages/dto';
import { toCsv, toJsonLines } from '@/lib/messages/export';
import { Button } from '../ui/button';

function download(name: string, type: string, body: string) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves what is on screen (a page, search results or tailed records) as JSON lines or CSV. */
export function ExportButtons({ messages, name }: { messages: MessageDto[]; name: string }) {
  return (
    <div className="flex gap-2">
      <Button size="sm" disabled={messages.length === 0} onClick={() => download(`${name}.jsonl`, 'application/x-ndjson', toJsonLines(messages))}>
        Export JSONL
      </Button>
      <Button size="sm" disabled={messages.length === 0} onClick={() => download(`${name}.csv`, 'text/csv', toCsv(messages))}>
        Export CSV
      </Button>
    </div>
  );
}
