/**
 * Just enough of the consumer embedded protocol (ConsumerProtocolSubscription) to know which
 * topics a member subscribes to: `i16 version | i32 count | count × (i16 len, utf8 topic) | ...`.
 * The layout of these leading fields is the same in every version (0-3).
 */
import { Reader } from '../protocol/reader.ts';

/** Topics named in a subscription; an unparseable subscription yields none. */
export function subscribedTopics(subscription: Buffer): string[] {
  try {
    const r = new Reader(subscription);
    const version = r.int16();
    if (version < 0) return [];
    return r.array(false, () => r.string(false));
  } catch {
    return [];
  }
}
