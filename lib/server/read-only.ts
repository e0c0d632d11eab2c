import 'server-only';
import { ApiError } from '../api-error';

/** KAYAK_READ_ONLY=true turns off writes to the cluster that go through `assertWritable`. */
export function readOnly(): boolean {
  return /^(1|true|yes|on)$/i.test(process.env.KAYAK_READ_ONLY?.trim() ?? '');
}

export function assertWritable(what: string): void {
  if (readOnly()) throw new ApiError('forbidden', `${what} is disabled: the console runs in read-only mode (KAYAK_READ_ONLY=true)`);
}
