import 'server-only';
import { ApiError } from '../../api-error';

/** `?permanent=true|false` of the delete routes; anything else is a mistake, not "false". */
export function permanentParam(q: URLSearchParams): boolean {
  const v = q.get('permanent')?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new ApiError('bad_request', 'permanent must be true or false');
}
