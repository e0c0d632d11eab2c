import 'server-only';
import { hash, verify } from '@node-rs/argon2';

/** argon2id, the library's default algorithm, with its default cost (19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Checked when the user does not exist, so an unknown name costs as long as a wrong password.
let dummy: Promise<string> | undefined;

export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('not a password of anyone');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    // Not an argon2 hash: a configuration mistake, reported when the file is loaded.
    return false;
  }
}
