import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from '../../api-error';
import { currentUser } from '../auth/current-user';

/**
 * A job reads record contents and writes them: the operator role alone (which the permission
 * table checks) is not enough when the user may not see message contents.
 */
export async function jobUser(req: NextRequest): Promise<string> {
  const user = await currentUser(req);
  if (user && !user.messages) throw new ApiError('forbidden', `${user.name} may not see message contents, so cannot replay them`);
  return user?.name ?? '(login off)';
}
