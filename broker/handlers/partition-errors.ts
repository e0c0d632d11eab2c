/** Maps a storage error to its Kafka error code; anything else is a broker bug and rethrown. */
import { LogError } from '../log/errors.ts';

export function errorCodeOf(err: unknown): number {
  if (err instanceof LogError) return err.errorCode;
  throw err;
}
