/** Creates the server side of a SASL exchange for a mechanism the broker enables. */
import type { Mechanism, SaslExchange } from './mechanism.ts';
import { plainExchange } from './plain.ts';
import { scramExchange } from './scram.ts';
import type { SaslUsers } from './users.ts';

export function startExchange(mechanism: Mechanism, users: SaslUsers): SaslExchange {
  switch (mechanism) {
    case 'PLAIN':
      return plainExchange(users);
    case 'SCRAM-SHA-256':
      return scramExchange(users, 'sha256');
    case 'SCRAM-SHA-512':
      return scramExchange(users, 'sha512');
  }
}
