import { isUtf8 } from 'node:buffer';
import type { RecordPrefilter } from '../kafka/record-batches';
import type { TextMatch } from './matcher';

/**
 * A first pass for `contains` and `equals` matches on key and value, on each record's bytes
 * where the fetch response holds them, before the record is built. A scan of a million records
 * spent most of its time building records and decoding text that could not match; here the
 * needle is looked for once per batch with the engine's native search, and a record is passed
 * over only when that is certain:
 * - its bytes are valid UTF-8, so the matcher's text is exactly those bytes (other bytes get
 *   the full check: the matcher then reads what their format decodes to);
 * - the needle is ASCII and does not occur in them: in UTF-8 an ASCII character is one byte
 *   below 0x80 and no other byte is, and lower-casing maps no other character into ASCII except
 *   U+0130 (İ → i̇) and U+212A (Kelvin sign → k), so a case-insensitive search folds ASCII
 *   letters only and keeps every record of a batch that holds either of those two.
 * Regex matches and non-ASCII needles get no prefilter. No `server-only`: the tests run it.
 */
const LOWERS_TO_ASCII = [Buffer.from('\u0130'), Buffer.from('\u212A')];

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class NeedleTest {
  private data: Buffer | null = null;
  /** where the needle starts in `data`, overlapping occurrences included, ascending */
  private hits: number[] = [];
  private next = 0;
  private lastStart = -1;
  private keepAll = false;
  private readonly n: number;
  private readonly bytes: Buffer;
  private readonly folded: RegExp | null;
  /** the needle's longest run without ASCII letters, which case cannot change, and where it sits */
  private readonly anchor: { bytes: Buffer; at: number } | null;

  constructor(
    private readonly m: TextMatch,
    text: string,
  ) {
    this.bytes = Buffer.from(text, 'latin1');
    this.n = this.bytes.length;
    // Latin-1 maps each byte to one character, and a non-Unicode /i regex folds no character
    // at or above 0x80 into ASCII: the match is an ASCII case-insensitive byte search.
    this.folded = m.caseSensitive ? null : new RegExp(escapeRegex(text), 'gi');
    const run = [...text.matchAll(/[^A-Za-z]{3,}/g)].sort((a, b) => b[0].length - a[0].length)[0];
    this.anchor = m.caseSensitive || !run ? null : { bytes: Buffer.from(run[0], 'latin1'), at: run.index };
  }

  /** The needle, ASCII letters folded, at `start` of `data`. */
  private foldedAt(data: Buffer, start: number): boolean {
    if (start < 0 || start + this.n > data.length) return false;
    for (let j = 0; j < this.n; j++) {
      const b = data[start + j]!;
      if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== this.bytes[j]) return false;
    }
    return true;
  }

  private scan(data: Buffer): void {
    this.data = data;
    this.hits = [];
    this.next = 0;
    this.keepAll = !this.m.caseSensitive && LOWERS_TO_ASCII.some((b) => data.includes(b));
    if (this.keepAll) return;
    if (!this.folded) {
      for (let p = data.indexOf(this.bytes); p >= 0; p = data.indexOf(this.bytes, p + 1)) this.hits.push(p);
      return;
    }
    if (this.anchor) {
      // The native search finds the anchor; only there is the whole needle compared, folded.
      const { bytes, at } = this.anchor;
      for (let p = data.indexOf(bytes, at); p >= 0; p = data.indexOf(bytes, p + 1)) if (this.foldedAt(data, p - at)) this.hits.push(p - at);
      return;
    }
    const text = data.toString('latin1');
    const re = this.folded;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      this.hits.push(m.index);
      re.lastIndex = m.index + 1;
    }
  }

  /** False only when the bytes from `start` to `end` (start -1: null) cannot match. */
  test(data: Buffer, start: number, end: number): boolean {
    if (start < 0) return false;
    if (data !== this.data) this.scan(data);
    if (this.keepAll) return true;
    // Records come in order, so hits before this one belong to earlier records; a walk that starts over starts over here too.
    if (start < this.lastStart) this.next = 0;
    this.lastStart = start;
    while (this.next < this.hits.length && this.hits[this.next]! < start) this.next++;
    const hit = this.hits[this.next];
    if (hit !== undefined && (this.m.op === 'equals' ? hit === start && end - start === this.n : hit + this.n <= end)) return true;
    return !isUtf8(data.subarray(start, end));
  }
}

function needleTest(m: TextMatch): NeedleTest | null {
  if (m.op === 'regex') return null;
  const text = m.caseSensitive ? m.text : m.text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (text.length === 0 || /[^\u0000-\u007f]/.test(text)) return null;
  return new NeedleTest(m, text);
}

/** A prefilter for the key and value criteria, or undefined when neither can have one. */
export function textPrefilter(key: TextMatch | undefined, value: TextMatch | undefined): RecordPrefilter | undefined {
  const k = key ? needleTest(key) : null;
  const v = value ? needleTest(value) : null;
  if (!k && !v) return undefined;
  return (data, keyStart, keyEnd, valueStart, valueEnd) => (!k || k.test(data, keyStart, keyEnd)) && (!v || v.test(data, valueStart, valueEnd));
}
