/**
 * The transaction coordinator's durable state (the role of Kafka's `__transaction_state`):
 * `<data-dir>/transaction-coordinator/transaction-state.log`, one record per state change of a
 * transactional id, CRC-framed and replayed at start exactly like the group metadata log.
 */
import path from 'node:path';
import { FramedLog, type ReplayResult } from '../log/framed-log.ts';
import { decodeTxnRecord, encodeTxnRecord, type TxnRecord } from './transaction-metadata.ts';

export const TXN_LOG_DIR = 'transaction-coordinator';
const FILE = 'transaction-state.log';

export type TxnLog = FramedLog<TxnRecord>;

export function openTxnLog(dataDir: string, apply: (rec: TxnRecord) => void, warn: (line: string) => void): { log: TxnLog; replay: ReplayResult } {
  return FramedLog.openFramed(
    path.join(dataDir, TXN_LOG_DIR),
    FILE,
    { encode: encodeTxnRecord, decode: decodeTxnRecord },
    apply,
    warn,
    'transaction state log',
  );
}
