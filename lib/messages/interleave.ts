import type { DecodedDto, MarkerDto, MessageDto } from './dto';

export type ListItem = { message: MessageDto } | { marker: MarkerDto };

/** Records in their order, each partition's markers placed after that partition's records before them. */
export function interleave(messages: MessageDto[], markers: MarkerDto[]): ListItem[] {
  const pending = [...markers].sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
  const out: ListItem[] = [];
  for (const message of messages) {
    const offset = BigInt(message.offset);
    for (let i = 0; i < pending.length;) {
      const k = pending[i]!;
      if (k.partition === message.partition && BigInt(k.offset) < offset) out.push({ marker: pending.splice(i, 1)[0]! });
      else i++;
    }
    out.push({ message });
  }
  return [...out, ...pending.map((marker) => ({ marker }))];
}

const PREVIEW_CHARS = 300;

/** One line of a key or value for the compact table: pretty JSON folded back onto one line, other line breaks as spaces. */
export function previewText(d: DecodedDto | null): string | null {
  if (d === null) return null;
  const head = d.text.slice(0, PREVIEW_CHARS * 4);
  const line = d.structured ? head.replace(/,\n\s*/g, ', ').replace(/\n\s*/g, '') : head.replace(/\s*\n\s*/g, ' ');
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS)}…` : line;
}
