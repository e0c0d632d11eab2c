/**
 * Storage errors carry the Kafka error code the protocol handlers put in their responses, so a
 * handler can `catch (e) { if (e instanceof LogError) return e.errorCode }` without a mapping table.
 */
export const ErrorCode = {
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  MESSAGE_TOO_LARGE: 10,
  INVALID_TOPIC_EXCEPTION: 17,
  RECORD_LIST_TOO_LARGE: 18,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_CONFIG: 40,
  UNSUPPORTED_FOR_MESSAGE_FORMAT: 43,
  INVALID_RECORD: 87,
} as const;

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
