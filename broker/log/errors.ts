/**
 * Storage errors carry the Kafka error code the protocol handlers put in their responses, so a
 * handler can `catch (e) { if (e instanceof LogError) return e.errorCode }` without a mapping table.
 */
export { ErrorCode } from '../protocol/error-codes.ts';

export class LogError extends Error {
  override name = 'LogError';
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A RecordBatch that cannot be stored as received (bad CRC, truncated, wrong magic, too large). */
export class RecordBatchError extends LogError {
  override name = 'RecordBatchError';
}
