/**
 * Compatibility levels and the check a new schema must pass against a subject's live versions:
 * BACKWARD (the new schema reads data written with the latest), FORWARD (the latest reads data
 * written with the new one), FULL (both), their _TRANSITIVE forms (against every version, not
 * only the latest) and NONE.
 */
import type { Incompatibility, ParsedSchema, SchemaProvider } from './schema-provider.ts';

export const LEVELS = ['NONE', 'BACKWARD', 'FORWARD', 'FULL', 'BACKWARD_TRANSITIVE', 'FORWARD_TRANSITIVE', 'FULL_TRANSITIVE'] as const;
export type Level = (typeof LEVELS)[number];
export const DEFAULT_LEVEL: Level = 'BACKWARD';

export const parseLevel = (x: unknown): Level | null => {
  if (typeof x !== 'string') return null;
  const up = x.toUpperCase();
  return (LEVELS as readonly string[]).includes(up) ? (up as Level) : null;
};

export interface PreviousVersion {
  version: number;
  schema: ParsedSchema;
}

export interface CheckResult {
  compatible: boolean;
  /** Confluent's verbose messages: each incompatibility, then the version and level it failed against. */
  messages: string[];
}

const describe = (i: Incompatibility): string =>
  `{errorType:'${i.errorType}', description:'${i.description}'${i.additionalInfo ? `, additionalInfo:'${i.additionalInfo}'` : ''}}`;

/** Checks `candidate` against `previous` (ascending versions) at `level`. */
export function checkCompatibility(provider: SchemaProvider, level: Level, candidate: ParsedSchema, previous: readonly PreviousVersion[]): CheckResult {
  if (level === 'NONE' || previous.length === 0) return { compatible: true, messages: [] };
  const against = level.endsWith('_TRANSITIVE') ? [...previous].reverse() : previous.slice(-1);
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  for (const old of against) {
    let found: Incompatibility[] = [];
    if (old.schema.schemaType !== candidate.schemaType) {
      found = [
        { errorType: 'TYPE_MISMATCH', description: `Incompatible because of different schema type: ${old.schema.schemaType} and ${candidate.schemaType}` },
      ];
    } else {
      if (backward) found.push(...provider.incompatibilities(candidate, old.schema));
      if (forward) found.push(...provider.incompatibilities(old.schema, candidate));
    }
    if (found.length > 0) {
      return {
        compatible: false,
        messages: [...found.map(describe), `{oldSchemaVersion: ${old.version}}`, `{oldSchema: '${old.schema.text}'}`, `{compatibility: '${level}'}`],
      };
    }
  }
  return { compatible: true, messages: [] };
}
