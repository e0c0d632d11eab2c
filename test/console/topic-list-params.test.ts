/** The topic list's URL state and ordering (lib/topic-list-params.ts) and byte formatting, without a stack. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TopicSummaryDto } from '../../lib/dto.ts';
import { formatBytes } from '../../lib/format.ts';
import { filterAndSortTopics, readTopicListState, writeTopicListState } from '../../lib/topic-list-params.ts';

function topic(name: string, sizeBytes: string | null, extra: Partial<TopicSummaryDto> = {}): TopicSummaryDto {
  return {
    name,
    internal: false,
    partitions: 1,
    replicationFactor: 1,
    underReplicatedPartitions: 0,
    messages: '0',
    sizeBytes,
    groups: 0,
    totalLag: '0',
    readers: [],
    ...extra,
  };
}

describe('Topic list > URL state', () => {
  test('defaults are left out of the URL, other parameters (the cluster) are kept', () => {
    const state = readTopicListState(new URLSearchParams('cluster=prod'));
    assert.deepEqual(state, { q: '', sort: 'name', dir: 'asc', internal: false });
    assert.equal(writeTopicListState(new URLSearchParams('cluster=prod'), state), 'cluster=prod');
    assert.equal(
      writeTopicListState(new URLSearchParams('cluster=prod'), { q: 'ord', sort: 'size', dir: 'desc', internal: true }),
      'cluster=prod&q=ord&sort=size&internal=1',
    );
    assert.equal(writeTopicListState(new URLSearchParams(), { q: '', sort: 'size', dir: 'asc', internal: false }), 'sort=size&dir=asc');
  });

  test('unknown sort keys and directions fall back instead of failing', () => {
    assert.deepEqual(readTopicListState(new URLSearchParams('sort=evil&dir=sideways')), { q: '', sort: 'name', dir: 'asc', internal: false });
    assert.equal(readTopicListState(new URLSearchParams('sort=lag')).dir, 'desc');
  });
});

describe('Topic list > ordering', () => {
  const topics = [topic('b', '10'), topic('a', null), topic('c', '9007199254740993'), topic('d', '10'), topic('__x', '5', { internal: true })];

  test('sizes sort as 64-bit integers, ties by name, unknown sizes last in both directions', () => {
    const names = (dir: 'asc' | 'desc') => filterAndSortTopics(topics, { q: '', sort: 'size', dir, internal: false }).map((t) => t.name);
    assert.deepEqual(names('desc'), ['c', 'b', 'd', 'a']);
    assert.deepEqual(names('asc'), ['b', 'd', 'c', 'a']);
  });

  test('listed topics whose counts are not read yet sort after counted ones, by name, and by their partitions like any row', () => {
    const { messages: _m, sizeBytes: _s, groups: _g, totalLag: _l, readers: _r, ...listed } = topic('e', '1', { partitions: 7 });
    const rows = [...topics, listed];
    assert.deepEqual(
      filterAndSortTopics(rows, { q: '', sort: 'messages', dir: 'desc', internal: false }).map((t) => t.name),
      ['a', 'b', 'c', 'd', 'e'],
    );
    assert.deepEqual(
      filterAndSortTopics(rows, { q: '', sort: 'size', dir: 'asc', internal: false }).map((t) => t.name),
      ['b', 'd', 'c', 'a', 'e'],
    );
    assert.equal(filterAndSortTopics(rows, { q: '', sort: 'partitions', dir: 'desc', internal: false })[0]!.name, 'e');
  });

  test('the filter matches names case-insensitively; internal topics only when asked', () => {
    assert.deepEqual(
      filterAndSortTopics(topics, { q: 'X', sort: 'name', dir: 'asc', internal: false }).map((t) => t.name),
      [],
    );
    assert.deepEqual(
      filterAndSortTopics(topics, { q: 'X', sort: 'name', dir: 'asc', internal: true }).map((t) => t.name),
      ['__x'],
    );
  });
});

describe('formatBytes', () => {
  test('binary units, exact below 1 KiB, INT64 strings beyond 2^53 without overflow', () => {
    assert.equal(formatBytes('0'), '0 B');
    assert.equal(formatBytes('1023'), '1023 B');
    assert.equal(formatBytes('1536'), '1.5 KiB');
    assert.equal(formatBytes(String(5 * 2 ** 30)), '5.0 GiB');
    assert.equal(formatBytes('9223372036854775807'), '8.0 EiB');
    assert.equal(formatBytes(null), '—');
    assert.equal(formatBytes('-1'), '—');
  });
});
