import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './data-dir';

let cached: Uint8Array | undefined;

/**
 * The 256-bit key that encrypts session cookies: derived from KAYAK_SESSION_SECRET, or else
 * generated once and kept in <data dir>/session-secret (mode 0600) so sessions survive restarts.
 */
export function sessionKey(): Uint8Array {
  if (cached) return cached;
  let secret = process.env.KAYAK_SESSION_SECRET?.trim();
  if (secret && secret.length < 32) throw new Error('KAYAK_SESSION_SECRET must be at least 32 characters');
  if (!secret) {
    const file = join(dataDir(), 'session-secret');
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch {
      mkdirSync(dataDir(), { recursive: true });
      const fresh = randomBytes(32).toString('base64url');
      try {
        // 'wx': if another process wrote it first, read theirs instead of replacing it.
        writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
        secret = fresh;
      } catch {
        secret = readFileSync(file, 'utf8').trim();
      }
    }
  }
  cached = new Uint8Array(createHash('sha256').update(secret).digest());
  return cached;
}
