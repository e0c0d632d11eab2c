import { withCluster } from '../cluster-url';
import type { MessageDto } from './dto';

/**
 * The message page's state, all of it in the URL so a reload or a shared link restores the
 * view: which tab, the browse position, the search criteria, the tail, the formats, table or
 * cards, and the highlighted record. Names follow the message APIs', so each tab's part of the
 * URL is also the query its API receives.
 */
export type ViewParams = Record<string, string | undefined>;

export const TABS = ['browse', 'search', 'tail'] as const;
export type Tab = (typeof TABS)[number];

export type RecordView = 'table' | 'cards';

/** What the messages view hands each of its tabs (browse, search, tail). */
export interface PanelProps {
  topic: string;
  cluster?: string;
  partitionCount: number;
  params: ViewParams;
  view: RecordView;
  onView: (v: RecordView) => void;
}

/** What GET …/messages takes (Kafdrop's names and ours). */
export const BROWSE_KEYS = [
  'partition',
  'offset',
  'timestamp',
  'count',
  'format',
  'keyFormat',
  'protoType',
  'keyProtoType',
  'avroSchema',
  'cursor',
  'before',
  'isolation',
] as const;
/** What GET …/search takes. */
export const SEARCH_KEYS = [
  'partition',
  'offset',
  'timestamp',
  'cursor',
  'key',
  'keyMatch',
  'value',
  'valueMatch',
  'headerName',
  'headerValue',
  'expr',
  'limit',
  'maxRecords',
  'maxSeconds',
  'format',
  'keyFormat',
  'protoType',
  'avroSchema',
  'isolation',
] as const;
/** What GET …/tail takes, plus `tail` = live | paused (with the paused position in `cursor`). */
export const TAIL_KEYS = ['partition', 'format', 'keyFormat', 'protoType', 'avroSchema', 'isolation', 'cursor', 'tail'] as const;
/** Kept when switching tabs: how records are read and shown, not where. */
export const SHARED_KEYS = ['isolation', 'view', 'format', 'keyFormat', 'protoType', 'avroSchema'] as const;
/** Page-only keys: `hl` = "partition:offset" of the record a link points at. */
const PAGE_KEYS = ['tab', 'view', 'hl'] as const;

const ALL_KEYS = new Set<string>([...BROWSE_KEYS, ...SEARCH_KEYS, ...TAIL_KEYS, ...PAGE_KEYS]);

/** The page's state from its query string; empty values are absent; Kafdrop's msgTypeName means protoType. */
export function readViewParams(search: URLSearchParams): ViewParams {
  const out: ViewParams = {};
  for (const k of ALL_KEYS) {
    const v = search.get(k);
    if (v !== null && v !== '') out[k] = v;
  }
  const kafdropType = search.get('msgTypeName');
  if (kafdropType && !out.protoType) out.protoType = kafdropType;
  return out;
}

export function pick(params: ViewParams, keys: readonly string[]): ViewParams {
  const out: ViewParams = {};
  for (const k of keys) if (params[k] !== undefined && params[k] !== '') out[k] = params[k];
  return out;
}

export function tabOf(params: ViewParams): Tab {
  return (TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as Tab) : 'browse';
}

export function recordViewOf(params: ViewParams): RecordView {
  return params.view === 'cards' ? 'cards' : 'table';
}

export function messagesPath(topic: string, cluster: string | undefined, params: ViewParams): string {
  // The defaults (browse tab, table view) stay out of the URL.
  const clean = { ...params, tab: params.tab === 'browse' ? undefined : params.tab, view: params.view === 'table' ? undefined : params.view };
  return withCluster(`/topic/${encodeURIComponent(topic)}/messages`, cluster, clean);
}

export const recordId = (m: Pick<MessageDto, 'partition' | 'offset'>) => `${m.partition}:${m.offset}`;

/**
 * A link that opens exactly this record: its partition from its offset, one record, shown
 * expanded and highlighted, read with the same formats and isolation (an aborted record is
 * only visible under read_uncommitted).
 */
export function recordPath(topic: string, cluster: string | undefined, m: Pick<MessageDto, 'partition' | 'offset'>, shared: ViewParams): string {
  return messagesPath(topic, cluster, { ...pick(shared, SHARED_KEYS), partition: String(m.partition), offset: m.offset, count: '1', hl: recordId(m) });
}
