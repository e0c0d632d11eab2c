import 'server-only';
import { resolve } from 'node:path';

/** The console's data directory: KAYAK_DATA_DIR (the embedded broker's too), else ./data. */
export function dataDir(): string {
  return resolve(process.env.KAYAK_DATA_DIR?.trim() || 'data');
}
