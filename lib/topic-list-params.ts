import type { TopicListingDto, TopicSummaryDto } from './dto';

/** A row of the topic list: its listing, with its counts once they are read. */
export type TopicRow = TopicListingDto | TopicSummaryDto;

export const hasCounts = (t: TopicRow): t is TopicSummaryDto => 'messages' in t;

/**
 * The topic list's view state as it travels in the URL (`?q=orders&sort=size&dir=desc&internal=1`),
 * so a filtered, sorted list is shareable and survives a reload. The same state drives `/` and `/topics`.
 */
export const TOPIC_SORT_KEYS = ['name', 'partitions', 'replication', 'urp', 'messages', 'size', 'groups', 'lag'] as const;
export type TopicSortKey = (typeof TOPIC_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface TopicListState {
  q: string;
  sort: TopicSortKey;
  dir: SortDir;
  internal: boolean;
}

interface ParamsLike {
  get(name: string): string | null;
}

/** Columns whose first click shows the largest first; the name sorts A→Z first. */
export function firstDir(key: TopicSortKey): SortDir {
  return key === 'name' ? 'asc' : 'desc';
}

export function readTopicListState(params: ParamsLike): TopicListState {
  const sortParam = params.get('sort');
  const sort = (TOPIC_SORT_KEYS as readonly string[]).includes(sortParam ?? '') ? (sortParam as TopicSortKey) : 'name';
  const dirParam = params.get('dir');
  const dir: SortDir = dirParam === 'asc' || dirParam === 'desc' ? dirParam : firstDir(sort);
  return { q: params.get('q') ?? '', sort, dir, internal: params.get('internal') === '1' };
}

/** The query string for `state`, keeping every other parameter (the cluster, for one); defaults are left out. */
export function writeTopicListState(current: URLSearchParams, state: TopicListState): string {
  const next = new URLSearchParams(current);
  const set = (k: string, v: string | null) => (v === null ? next.delete(k) : next.set(k, v));
  set('q', state.q ? state.q : null);
  set('sort', state.sort === 'name' ? null : state.sort);
  set('dir', state.dir === firstDir(state.sort) ? null : state.dir);
  set('internal', state.internal ? '1' : null);
  return next.toString();
}

/** The value a column sorts by; null (unknown, or not read yet) always sorts last, whatever the direction. */
function value(t: TopicRow, key: TopicSortKey): bigint | string | null {
  switch (key) {
    case 'name':
      return t.name;
    case 'partitions':
      return BigInt(t.partitions);
    case 'replication':
      return BigInt(t.replicationFactor);
    case 'urp':
      return BigInt(t.underReplicatedPartitions);
  }
  if (!hasCounts(t)) return null;
  switch (key) {
    case 'messages':
      return BigInt(t.messages);
    case 'size':
      return t.sizeBytes === null ? null : BigInt(t.sizeBytes);
    case 'groups':
      return t.groups === null ? null : BigInt(t.groups);
    case 'lag':
      return t.totalLag === null ? null : BigInt(t.totalLag);
  }
}

export function filterAndSortTopics<T extends TopicRow>(topics: T[], state: TopicListState): T[] {
  const f = state.q.trim().toLowerCase();
  const shown = topics.filter((t) => (state.internal || !t.internal) && (!f || t.name.toLowerCase().includes(f)));
  const sign = state.dir === 'asc' ? 1 : -1;
  return shown
    .map((t) => ({ t, v: value(t, state.sort) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.t.name.localeCompare(b.t.name) : a.v === null ? 1 : -1;
      const c = typeof a.v === 'string' ? a.v.localeCompare(b.v as string) : a.v < (b.v as bigint) ? -1 : a.v > (b.v as bigint) ? 1 : 0;
      // Ties keep name order, so equal sizes do not shuffle on every refresh.
      return c !== 0 ? c * sign : a.t.name.localeCompare(b.t.name);
    })
    .map((x) => x.t);
}
