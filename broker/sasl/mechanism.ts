/**
 * A server-side SASL exchange: each client token yields a server token, until `done`.
 * A failed login throws SaslAuthenticationError; the connection is then closed.
 */
export class SaslAuthenticationError extends Error {
  override name = 'SaslAuthenticationError';
}

export interface SaslExchange {
  step(token: Buffer): { response: Buffer; done: boolean; principal?: string };
}

export const SUPPORTED_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type Mechanism = (typeof SUPPORTED_MECHANISMS)[number];

export function isMechanism(name: string): name is Mechanism {
  return (SUPPORTED_MECHANISMS as readonly string[]).includes(name);
}
