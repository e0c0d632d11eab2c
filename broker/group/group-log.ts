/**
 * The group coordinator's durable state: `<data-dir>/group-coordinator/group-metadata.log`,
 * holding every offset commit and group metadata change (records in group-records.ts), in the
 * CRC-framed, replayed format of broker/log/framed-log.ts. Replayed at start, latest record per
 * key wins, as Kafka replays `__consumer_offsets`.
 */
import path from 'node:path';
import { FramedLog, type ReplayResult } from '../log/framed-log.ts';
import { decodeRecord, encodeRecord, type GroupRecord } from './group-records.ts';

export type { ReplayResult };
export const GROUP_LOG_DIR = 'group-coordinator';
const FILE = 'group-metadata.log';

export type GroupLog = FramedLog<GroupRecord>;

export const GroupLog = {
  /** Opens (creating) the log and feeds every intact record to `apply`, oldest first. */
  open(dataDir: string, apply: (rec: GroupRecord) => void, warn: (line: string) => void): { log: GroupLog; replay: ReplayResult } {
    return FramedLog.openFramed(path.join(dataDir, GROUP_LOG_DIR), FILE, { encode: encodeRecord, decode: decodeRecord }, apply, warn, 'group metadata log');
  },
};
