import 'server-only';
import { resolve } from 'node:path';

/**
 * Paths in settings (clusters file, properties files, certificates, descriptor dir) are relative
 * to the directory Kayak was started from. The standalone server changes its working directory
 * to .next/standalone, so the start scripts pass the original one in KAYAK_WORKDIR.
 */
export function userPath(path: string): string {
  return resolve(process.env.KAYAK_WORKDIR || process.cwd(), path);
}
