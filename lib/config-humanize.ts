import prettyBytes from 'pretty-bytes';
import prettyMs from 'pretty-ms';

/** Java's Long.MAX_VALUE: what Kafka stores for "no limit" in flush.*, max.compaction.lag.ms and message.timestamp.*.max.ms. */
const LONG_MAX = '9223372036854775807';

/** Configs where Kafka documents -1 as "no limit". */
const MINUS_ONE_UNLIMITED = new Set([
  'retention.ms',
  'retention.bytes',
  'log.retention.ms',
  'log.retention.bytes',
  'log.retention.hours',
  'log.retention.minutes',
]);

/** Tiered storage's local retention: -2 means "the same as the topic's retention.*". */
const MINUS_TWO_SAME_AS: Record<string, string> = { 'local.retention.ms': 'retention.ms', 'local.retention.bytes': 'retention.bytes' };

/**
 * A config value as a person reads it ("7 days", "1 GiB", "no limit"), or null when the raw
 * value is already the best text (names, ratios, booleans, lists). The raw value stays what
 * is edited and sent; the UI shows it on hover.
 */
export function humanizeConfig(name: string, value: string | null): string | null {
  if (value === null || !/^-?\d{1,19}$/.test(value)) return null;
  if (value === LONG_MAX) return 'no limit';
  if (value === '-1' && MINUS_ONE_UNLIMITED.has(name)) return 'no limit';
  if (value === '-2' && MINUS_TWO_SAME_AS[name]) return `same as ${MINUS_TWO_SAME_AS[name]}`;
  const n = Number(value);
  if (n < 0) return null;
  if (name.endsWith('.ms')) return prettyMs(n, { verbose: true });
  if (name.endsWith('.bytes')) {
    // pretty-bytes rounds; say so when the value is not a whole number of its unit (1048588 → "≈ 1 MiB").
    const unit = n < 1024 ? 1 : 1024 ** Math.floor(Math.log(n) / Math.log(1024));
    return `${n % unit === 0 ? '' : '≈ '}${prettyBytes(n, { binary: true })}`;
  }
  return null;
}
