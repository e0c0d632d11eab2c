import 'server-only';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type avro from 'avsc';
import { userPath } from '../user-path';
import { avroType } from './schema-registry';

/**
 * Avro schemas without a registry: every `*.avsc` file in KAYAK_AVRO_SCHEMA_DIR, named by its
 * file name without `.avsc`, chosen per topic in the message browser. Reloaded when a file changes;
 * a file that is not a valid schema is reported once and left out.
 */
interface Loaded {
  stamp: string;
  types: Map<string, avro.Type>;
}
let loaded: Loaded | undefined;

function dir(): string | null {
  const d = process.env.KAYAK_AVRO_SCHEMA_DIR?.trim();
  return d ? userPath(d) : null;
}

function load(): Loaded {
  const d = dir();
  let list: string[] = [];
  try {
    list = d
      ? readdirSync(d)
          .filter((f) => f.endsWith('.avsc'))
          .sort()
      : [];
  } catch {
    list = [];
  }
  const stamp = list.map((f) => `${f}:${statSync(join(d!, f)).mtimeMs}`).join('|');
  if (loaded && loaded.stamp === stamp) return loaded;
  const types = new Map<string, avro.Type>();
  for (const f of list) {
    try {
      types.set(f.slice(0, -'.avsc'.length), avroType(JSON.parse(readFileSync(join(d!, f), 'utf8'))));
    } catch (e) {
      console.error(`[kayak] cannot read Avro schema ${join(d!, f)}: ${e instanceof Error ? e.message : e}`);
    }
  }
  loaded = { stamp, types };
  return loaded;
}

export function avroSchemaNames(): string[] {
  return [...load().types.keys()];
}

export function avroFileType(name: string): avro.Type {
  const t = load().types.get(name);
  if (!t) throw new Error(dir() ? `There is no Avro schema "${name}.avsc" in ${dir()}` : 'No Avro schema folder configured (set KAYAK_AVRO_SCHEMA_DIR)');
  return t;
}
