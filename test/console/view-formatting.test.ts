import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { humanizeConfig } from '../../lib/config-humanize.ts';
import { previewText } from '../../lib/messages/interleave.ts';
import { readViewParams, recordPath } from '../../lib/messages/view-state.ts';
import { formatTimestamp, timeQueryValue, urlTimeToInput } from '../../lib/time-zone.ts';

/** The pure parts of the shareable message views: config wording, time zones, record links, previews. */
describe('humanized topic configs', () => {
  test('durations, sizes and Kafka\'s "unlimited" values', () => {
    assert.equal(humanizeConfig('retention.ms', '604800000'), '7 days');
    assert.equal(humanizeConfig('segment.ms', '3600000'), '1 hour');
    assert.equal(humanizeConfig('retention.ms', '-1'), 'no limit');
    assert.equal(humanizeConfig('retention.bytes', '-1'), 'no limit');
    assert.equal(humanizeConfig('max.compaction.lag.ms', '9223372036854775807'), 'no limit');
    assert.equal(humanizeConfig('flush.messages', '9223372036854775807'), 'no limit');
    assert.equal(humanizeConfig('local.retention.bytes', '-2'), 'same as retention.bytes');
    assert.equal(humanizeConfig('segment.bytes', '1073741824'), '1 GiB');
    // Rounded sizes say so.
    assert.equal(humanizeConfig('max.message.bytes', '1048588'), '≈ 1 MiB');
  });

  test('values that are best read raw stay raw', () => {
    assert.equal(humanizeConfig('cleanup.policy', 'delete'), null);
    assert.equal(humanizeConfig('min.insync.replicas', '1'), null);
    assert.equal(humanizeConfig('min.cleanable.dirty.ratio', '0.5'), null);
    // -1 is "no limit" only where Kafka says so.
    assert.equal(humanizeConfig('segment.jitter.ms', '-1'), null);
    assert.equal(humanizeConfig('retention.ms', null), null);
  });
});

describe('time zone', () => {
  const ms = 1_700_000_000_123;
  test('UTC is explicit and exact to the millisecond', () => {
    assert.equal(formatTimestamp(ms, 'utc'), '2023-11-14 22:13:20.123 UTC');
    assert.equal(formatTimestamp(String(ms), 'utc', { millis: false }), '2023-11-14 22:13:20 UTC');
    assert.equal(formatTimestamp(BigInt(ms), 'utc'), '2023-11-14 22:13:20.123 UTC');
    assert.equal(formatTimestamp('-1', 'utc'), '-1');
  });

  test('a typed wall-clock time means the chosen zone; explicit zones and epoch ms pass as typed', () => {
    assert.equal(timeQueryValue('2024-05-01T12:00:00', 'utc'), '2024-05-01T12:00:00Z');
    assert.equal(timeQueryValue('2024-05-01 12:00:00', 'utc'), '2024-05-01T12:00:00Z');
    assert.equal(timeQueryValue('2024-05-01T12:00:00+02:00', 'local'), '2024-05-01T12:00:00+02:00');
    assert.equal(timeQueryValue('1714564800000', 'local'), '1714564800000');
    assert.equal(timeQueryValue('2024-05-01T12:00:00', 'local'), String(new Date(2024, 4, 1, 12, 0, 0).getTime()));
    assert.equal(urlTimeToInput('1714564800000'), '2024-05-01T12:00:00Z');
  });
});

describe('message view URLs', () => {
  test("a record link opens that record alone, highlighted, with the view's formats and isolation", () => {
    const path = recordPath(
      'orders v2',
      'prod',
      { partition: 3, offset: '9007199254740993' },
      { format: 'hex', isolation: 'read_uncommitted', view: 'cards', tab: 'search', value: 'x' },
    );
    const url = new URL(path, 'http://console');
    assert.equal(url.pathname, '/topic/orders%20v2/messages');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      format: 'hex',
      isolation: 'read_uncommitted',
      view: 'cards',
      partition: '3',
      offset: '9007199254740993',
      count: '1',
      hl: '3:9007199254740993',
      cluster: 'prod',
    });
  });

  test("the page reads its known keys, drops empty ones, and maps Kafdrop's msgTypeName", () => {
    assert.deepEqual(readViewParams(new URLSearchParams('partition=0&offset=&tab=search&value=a&msgTypeName=shop.Order&junk=1')), {
      partition: '0',
      tab: 'search',
      value: 'a',
      protoType: 'shop.Order',
    });
  });

  test('previews fold pretty JSON and line breaks onto one line', () => {
    const d = { format: 'json' as const, detected: true, structured: true, text: '{\n  "n": 7,\n  "name": "a b"\n}', size: 20, truncated: false };
    assert.equal(previewText(d), '{"n": 7, "name": "a b"}');
    assert.equal(previewText({ ...d, structured: false, format: 'utf8', text: 'one\ntwo' }), 'one two');
    assert.equal(previewText(null), null);
  });
});
