/** SASL PLAIN (RFC 4616): one token `authzid NUL authcid NUL password`, checked in constant time. */
import { timingSafeEqual, createHash } from 'node:crypto';
import { SaslAuthenticationError, type SaslExchange } from './mechanism.ts';
import type { SaslUsers } from './users.ts';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export function plainExchange(users: SaslUsers): SaslExchange {
  return {
    step(token) {
      const parts = token.toString('utf8').split('\u0000');
      if (parts.length !== 3) throw new SaslAuthenticationError('Invalid SASL/PLAIN request: expected 3 tokens');
      const [authzid, user, password] = parts as [string, string, string];
      if (authzid !== '' && authzid !== user)
        throw new SaslAuthenticationError('Authentication failed: Client requested an authorization id that is different from username');
      const expected = users.password(user);
      // Compare digests so the time taken says nothing about the password's length or prefix.
      const ok = expected !== undefined && timingSafeEqual(digest(expected), digest(password));
      if (!ok) throw new SaslAuthenticationError('Authentication failed: Invalid username or password');
      return { response: Buffer.alloc(0), done: true, principal: user };
    },
  };
}
