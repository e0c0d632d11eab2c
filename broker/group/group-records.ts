/**
 * The records of the group metadata log (see group-log.ts for the file framing). Like Kafka's
 * `__consumer_offsets`, a record is either an offset commit or a group's metadata, each with a
 * tombstone form; the latest record per key wins when the log is replayed.
 *
 * Body layout (big-endian, strings int16-length, bytes int32-length, nullable = length -1):
 *   u8 formatVersion (0) | u8 type | fields of the type
 *   OFFSET (1):           group, topic, i32 partition, i64 offset, i32 leaderEpoch,
 *                         nullable metadata, i64 commitTimestamp, i64 expireTimestamp (-1 = none)
 *   OFFSET_TOMBSTONE (2): group, topic, i32 partition
 *   GROUP (3):            group, nullable protocolType, i32 generation, nullable protocolName,
 *                         nullable leader, i64 stateTimestamp, i32 memberCount, then per member:
 *                         memberId, nullable instanceId, clientId, clientHost,
 *                         i32 rebalanceTimeout, i32 sessionTimeout, bytes subscription, bytes assignment
 *   GROUP_TOMBSTONE (4):  group (its offsets are removed too)
 *   CONSUMER_GROUP (5):   group, bytes JSON of a KIP-848 group's ModernGroupSnapshot (epochs,
 *                         members with their current assignments, target assignment)
 *   CONSUMER_GROUP_TOMBSTONE (6): group (the KIP-848 group is gone; offsets stay)
 * To change a layout, add a new type or bump formatVersion and keep decoding the old one.
 */
import { Reader } from '../protocol/reader.ts';
import { Writer } from '../protocol/writer.ts';
import type { CommittedOffset } from './offset-table.ts';
import type { GroupSnapshot } from './consumer-group.ts';
import type { ModernGroupSnapshot } from './modern/modern-group.ts';

export const FORMAT_VERSION = 0;

export type GroupRecord =
  | { type: 'offset'; group: string; topic: string; partition: number; value: CommittedOffset }
  | { type: 'offset-tombstone'; group: string; topic: string; partition: number }
  | { type: 'group'; group: string; value: GroupSnapshot }
  | { type: 'group-tombstone'; group: string }
  | { type: 'consumer-group'; group: string; value: ModernGroupSnapshot }
  | { type: 'consumer-group-tombstone'; group: string };

const TYPE_CODE = { offset: 1, 'offset-tombstone': 2, group: 3, 'group-tombstone': 4, 'consumer-group': 5, 'consumer-group-tombstone': 6 } as const;

export function encodeRecord(rec: GroupRecord): Buffer {
  const w = new Writer(64);
  w.int8(FORMAT_VERSION).int8(TYPE_CODE[rec.type]).string(false, rec.group);
  switch (rec.type) {
    case 'offset': {
      const v = rec.value;
      w.string(false, rec.topic).int32(rec.partition).int64(v.offset).int32(v.leaderEpoch);
      w.nullableString(false, v.metadata)
        .int64(v.commitTimestamp)
        .int64(v.expireTimestamp ?? -1n);
      break;
    }
    case 'offset-tombstone':
      w.string(false, rec.topic).int32(rec.partition);
      break;
    case 'group': {
      const g = rec.value;
      w.nullableString(false, g.protocolType).int32(g.generationId).nullableString(false, g.protocolName);
      w.nullableString(false, g.leaderId).int64(g.stateTimestamp).int32(g.members.length);
      for (const m of g.members) {
        w.string(false, m.memberId).nullableString(false, m.groupInstanceId).string(false, m.clientId).string(false, m.clientHost);
        w.int32(m.rebalanceTimeoutMs).int32(m.sessionTimeoutMs).bytes(false, m.subscription).bytes(false, m.assignment);
      }
      break;
    }
    case 'consumer-group':
      w.bytes(false, Buffer.from(JSON.stringify(rec.value)));
      break;
    case 'group-tombstone':
    case 'consumer-group-tombstone':
      break;
  }
  return w.toBuffer();
}

/** Decodes one record body; throws (ProtocolParseError/RangeError) on anything malformed. */
export function decodeRecord(body: Buffer): GroupRecord {
  const r = new Reader(body);
  const version = r.int8();
  if (version !== FORMAT_VERSION) throw new RangeError(`unknown group record format ${version}`);
  const type = r.int8();
  const group = r.string(false);
  switch (type) {
    case TYPE_CODE.offset: {
      const topic = r.string(false);
      const partition = r.int32();
      const offset = r.int64();
      const leaderEpoch = r.int32();
      const metadata = r.nullableString(false) ?? '';
      const commitTimestamp = r.int64();
      const expire = r.int64();
      return {
        type: 'offset',
        group,
        topic,
        partition,
        value: { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp: expire < 0n ? null : expire },
      };
    }
    case TYPE_CODE['offset-tombstone']:
      return { type: 'offset-tombstone', group, topic: r.string(false), partition: r.int32() };
    case TYPE_CODE.group: {
      const protocolType = r.nullableString(false);
      const generationId = r.int32();
      const protocolName = r.nullableString(false);
      const leaderId = r.nullableString(false);
      const stateTimestamp = r.int64();
      const count = r.int32();
      if (count < 0 || count > r.remaining) throw new RangeError(`bad member count ${count}`);
      const members: GroupSnapshot['members'] = [];
      for (let i = 0; i < count; i++) {
        members.push({
          memberId: r.string(false),
          groupInstanceId: r.nullableString(false),
          clientId: r.string(false),
          clientHost: r.string(false),
          rebalanceTimeoutMs: r.int32(),
          sessionTimeoutMs: r.int32(),
          subscription: Buffer.from(r.bytes(false)),
          assignment: Buffer.from(r.bytes(false)),
        });
      }
      return { type: 'group', group, value: { protocolType, generationId, protocolName, leaderId, stateTimestamp, members } };
    }
    case TYPE_CODE['group-tombstone']:
      return { type: 'group-tombstone', group };
    case TYPE_CODE['consumer-group']:
      return { type: 'consumer-group', group, value: JSON.parse(Buffer.from(r.bytes(false)).toString('utf8')) as ModernGroupSnapshot };
    case TYPE_CODE['consumer-group-tombstone']:
      return { type: 'consumer-group-tombstone', group };
    default:
      throw new RangeError(`unknown group record type ${type}`);
  }
}
