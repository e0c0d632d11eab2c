/**
 * Validation of config values against their definitions. Every function returns an error
 * message (suitable for an INVALID_CONFIG = 40 response) or null when the value is acceptable.
 */
import type { ConfigDef } from './config-def.ts';
import { TOPIC_CONFIGS } from './topic-configs.ts';
import { BROKER_CONFIGS, canonicalBrokerKey } from './broker-configs.ts';

const INTEGER = /^[+-]?\d+$/;
const RANGES = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-(2n ** 15n), 2n ** 15n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

function rangeError(def: ConfigDef, n: number | bigint): string | null {
  if (def.min !== undefined && n < def.min) return `Invalid value ${n} for configuration ${def.name}: Value must be at least ${def.min}`;
  if (def.max !== undefined && n > def.max) return `Invalid value ${n} for configuration ${def.name}: Value must be no more than ${def.max}`;
  return null;
}

/** Checks one value against its definition (types, ranges, allowed values). */
export function validateValue(def: ConfigDef, raw: string): string | null {
  const value = raw.trim();
  const bad = (why: string): string => `Invalid value ${raw} for configuration ${def.name}: ${why}`;
  switch (def.type) {
    case 'boolean':
      if (!/^(true|false)$/i.test(value)) return bad('Expected value to be either true or false');
      break;
    case 'int':
    case 'short':
    case 'long': {
      if (!INTEGER.test(value)) return bad(`Not a number of type ${def.type.toUpperCase()}`);
      const n = BigInt(value);
      const [lo, hi] = RANGES[def.type];
      if (n < lo || n > hi) return bad(`Not a number of type ${def.type.toUpperCase()}`);
      const err = rangeError(def, n);
      if (err) return err;
      break;
    }
    case 'double': {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n)) return bad('Not a number of type DOUBLE');
      const err = rangeError(def, n);
      if (err) return err;
      break;
    }
    case 'string':
      if (def.validValues && !def.validValues.includes(value)) {
        return bad(`String must be one of: ${def.validValues.join(', ')}`);
      }
      break;
    case 'list':
      if (def.validValues) {
        const items = value.split(',').map((s) => s.trim());
        if (value === '' || items.some((i) => !def.validValues!.includes(i))) {
          return bad(`Each item must be one of: ${def.validValues.join(', ')}`);
        }
      }
      break;
    case 'class':
    case 'password':
      break;
  }
  const extra = def.check?.(value);
  return extra ? bad(extra) : null;
}

/**
 * Topic config validation for CreateTopics/AlterConfigs/IncrementalAlterConfigs. A null value
 * means "remove the override" and is always acceptable for a known key.
 */
export function validateTopicConfig(name: string, value: string | null): string | null {
  const def = TOPIC_CONFIGS.get(name);
  if (!def) return `Unknown topic config name: ${name}`;
  if (value === null) return null;
  return validateValue(def, value);
}

/** Broker config validation for `--config key=value` and BROKER resource alters. */
export function validateBrokerConfig(name: string, value: string | null): string | null {
  const def = BROKER_CONFIGS.get(canonicalBrokerKey(name));
  if (!def) return `Unknown broker config name: ${name}`;
  if (value === null) return null;
  return validateValue(def, value);
}

/** Validates a whole set; returns the first error. */
export function validateTopicConfigs(configs: Iterable<[string, string | null]>): string | null {
  for (const [k, v] of configs) {
    const err = validateTopicConfig(k, v);
    if (err) return err;
  }
  return null;
}

/**
 * Parses `--config key=value` pairs into canonical broker keys, throwing on unknown keys or
 * bad values so the broker refuses to start with a typo in its configuration.
 */
export function parseBrokerOverrides(pairs: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`Expected key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const err = validateBrokerConfig(key, value);
    if (err) throw new Error(err);
    out.set(canonicalBrokerKey(key), value);
  }
  return out;
}
