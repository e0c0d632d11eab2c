/**
 * SASL users: from `--sasl-users user:password[,user:password]` and/or a file with one
 * `user:password` per line (`#` comments allowed). SCRAM credentials (salt, salted password)
 * are derived once at start so every login does not rerun PBKDF2.
 */
import { readFileSync } from 'node:fs';
import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

export type ScramAlgorithm = 'sha256' | 'sha512';

export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  saltedPassword: Buffer;
}

export const SCRAM_ITERATIONS = 4096;

export class SaslUsers {
  private readonly scram = new Map<string, ScramCredential>();
  /** Per-broker secret behind the decoy credentials of unknown users. */
  private readonly decoySecret = randomBytes(32);

  constructor(private readonly passwords: ReadonlyMap<string, string>) {}

  get size(): number {
    return this.passwords.size;
  }

  password(user: string): string | undefined {
    return this.passwords.get(user);
  }

  scramCredential(user: string, algorithm: ScramAlgorithm): ScramCredential | undefined {
    const password = this.passwords.get(user);
    if (password === undefined) return undefined;
    const key = `${algorithm}\u0000${user}`;
    let credential = this.scram.get(key);
    if (credential === undefined) {
      const salt = randomBytes(16);
      const length = algorithm === 'sha256' ? 32 : 64;
      credential = { salt, iterations: SCRAM_ITERATIONS, saltedPassword: pbkdf2Sync(password.normalize('NFKC'), salt, SCRAM_ITERATIONS, length, algorithm) };
      this.scram.set(key, credential);
    }
    return credential;
  }

  /**
   * SCRAM credential for any name: an unknown user gets a decoy whose salt is stable (HMAC of a
   * per-broker secret and the name) with the same length and iteration count as a real one, so
   * the server-first message does not reveal whether the user exists; only the proof fails.
   */
  scramCredentialOrDecoy(user: string, algorithm: ScramAlgorithm): { credential: ScramCredential; known: boolean } {
    const real = this.scramCredential(user, algorithm);
    if (real !== undefined) return { credential: real, known: true };
    const derive = (purpose: string): Buffer => createHmac(algorithm, this.decoySecret).update(`${purpose}\u0000${algorithm}\u0000${user}`).digest();
    return { credential: { salt: derive('salt').subarray(0, 16), iterations: SCRAM_ITERATIONS, saltedPassword: derive('salted-password') }, known: false };
  }
}

/** Parses `user:password` entries; the password may itself contain ':'. */
export function parseUserList(entries: Iterable<string>, source: string): Map<string, string> {
  const users = new Map<string, string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) continue;
    const at = entry.indexOf(':');
    if (at <= 0) throw new Error(`${source}: expected user:password, got "${entry.replace(/:.*/, ':…')}"`);
    users.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return users;
}

export function loadSaslUsers(inline: string | undefined, file: string | undefined): SaslUsers {
  const users = new Map<string, string>();
  if (file) for (const [u, p] of parseUserList(readFileSync(file, 'utf8').split('\n'), file)) users.set(u, p);
  if (inline) for (const [u, p] of parseUserList(inline.split(','), '--sasl-users')) users.set(u, p);
  return new SaslUsers(users);
}
