import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from '../../api-error';
import { authMethods } from './config';
import { clientAddress } from './current-user';
import { verifyPassword } from './password';
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from './rate-limit';
import type { Principal } from './roles';
import { loadUsers, principalOf } from './users-file';

/** Checks a name and password against the users file, with per-address and per-name limits. */
export async function passwordLogin(req: NextRequest, input: { name: string; password: string }): Promise<Principal> {
  if (!authMethods().users) throw new ApiError('bad_request', 'Password login is not enabled (KAYAK_USERS_FILE)');
  const keys = [`ip:${clientAddress(req)}`, `user:${input.name}`];
  const wait = loginRetryAfter(keys);
  if (wait > 0) throw new ApiError('too_many_requests', `Too many failed logins; try again in ${wait} s`);
  const entry = loadUsers().get(input.name);
  // Unknown users cost a hash check too, and get the same answer as a wrong password.
  if (!(await verifyPassword(entry?.passwordHash, input.password)) || !entry) {
    recordLoginFailure(keys);
    throw new ApiError('unauthorized', 'Wrong user name or password');
  }
  clearLoginFailures(`user:${input.name}`);
  return principalOf(entry);
}
