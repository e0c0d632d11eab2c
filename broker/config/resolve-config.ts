/**
 * Computes effective config values and their provenance, shaped for DescribeConfigs. Precedence
 * follows Kafka's ConfigHelper: topic override, then broker synonyms ordered by source
 * (dynamic default broker config, then static broker config, then broker defaults), each source
 * scanning synonyms in order (log.retention.ms before log.retention.minutes before .hours).
 */
import { type ConfigDef, type ConfigType, ConfigSource, ConfigTypeCode } from './config-def.ts';
import { TOPIC_CONFIGS } from './topic-configs.ts';
import { BROKER_CONFIGS } from './broker-configs.ts';

/** Broker-level values by layer, all keyed by canonical broker key. */
export interface BrokerConfigLayers {
  /** `--config key=value` from the command line (STATIC_BROKER_CONFIG). */
  static: ReadonlyMap<string, string>;
  /** Cluster-wide defaults altered at runtime (DYNAMIC_DEFAULT_BROKER_CONFIG). */
  dynamicDefault?: ReadonlyMap<string, string>;
}

export interface ConfigSynonymEntry {
  name: string;
  value: string | null;
  source: number;
}

export interface ConfigEntry {
  name: string;
  value: string | null;
  source: number;
  isDefault: boolean;
  readOnly: boolean;
  isSensitive: boolean;
  synonyms: ConfigSynonymEntry[];
  type: ConfigType;
  /** DescribeConfigs v3+ config_type code. */
  typeCode: number;
  documentation: string;
}

interface Candidate extends ConfigSynonymEntry {
  scale: number;
}

function scaled(value: string | null, scale: number): string | null {
  if (value === null || scale === 1) return value;
  const n = BigInt(value.trim());
  return n < 0n ? n.toString() : (n * BigInt(scale)).toString(); // -1 keeps meaning "infinite"
}

function brokerCandidates(keys: readonly { name: string; scale?: number }[], broker: BrokerConfigLayers): Candidate[] {
  const out: Candidate[] = [];
  const layers: [ReadonlyMap<string, string> | undefined, number][] = [
    [broker.dynamicDefault, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG],
    [broker.static, ConfigSource.STATIC_BROKER_CONFIG],
  ];
  for (const [map, source] of layers) {
    for (const k of keys) {
      const v = map?.get(k.name);
      if (v !== undefined) out.push({ name: k.name, value: v, source, scale: k.scale ?? 1 });
    }
  }
  for (const k of keys) {
    const d = BROKER_CONFIGS.get(k.name)?.default;
    if (d != null) out.push({ name: k.name, value: d, source: ConfigSource.DEFAULT_CONFIG, scale: k.scale ?? 1 });
  }
  return out;
}

/**
 * The synonyms Kafka reports: every candidate in precedence order, minus those before the first
 * one named `primary` (Kafka's ConfigHelper drops them, e.g. log.retention.hours' default when
 * describing retention.ms, whose primary broker synonym log.retention.ms has no default).
 */
function reportedSynonyms(candidates: Candidate[], primary: string | undefined): ConfigSynonymEntry[] {
  const from = candidates.findIndex((c) => c.name === primary);
  return from < 0 ? [] : candidates.slice(from).map(({ name, value, source }) => ({ name, value, source }));
}

function entry(def: ConfigDef, chain: Candidate[], fallback: Candidate, synonyms: ConfigSynonymEntry[]): ConfigEntry {
  const winner = chain[0] ?? fallback;
  return {
    name: def.name,
    value: scaled(winner.value, winner.scale),
    source: winner.source,
    isDefault: winner.source === ConfigSource.DEFAULT_CONFIG,
    readOnly: def.readOnly ?? false,
    isSensitive: def.sensitive ?? false,
    synonyms,
    type: def.type,
    typeCode: ConfigTypeCode[def.type],
    documentation: def.doc,
  };
}

/** One topic config with value, source and synonyms. Throws for an unknown name. */
export function describeTopicConfig(name: string, topicOverrides: ReadonlyMap<string, string>, broker: BrokerConfigLayers): ConfigEntry {
  const def = TOPIC_CONFIGS.get(name);
  if (!def) throw new Error(`Unknown topic config name: ${name}`);
  const chain: Candidate[] = [];
  const own = topicOverrides.get(name);
  if (own !== undefined) chain.push({ name, value: own, source: ConfigSource.DYNAMIC_TOPIC_CONFIG, scale: 1 });
  const inherited = brokerCandidates(def.synonyms ?? [], broker);
  chain.push(...inherited);
  const synonyms = [...chain.slice(0, own !== undefined ? 1 : 0), ...reportedSynonyms(inherited, def.synonyms?.[0]?.name)];
  return entry(def, chain, { name, value: def.default, source: ConfigSource.DEFAULT_CONFIG, scale: 1 }, synonyms);
}

/** All (or the named) topic configs; unknown names are skipped, as Kafka does. */
export function describeTopicConfigs(topicOverrides: ReadonlyMap<string, string>, broker: BrokerConfigLayers, names?: readonly string[] | null): ConfigEntry[] {
  const wanted = names ?? [...TOPIC_CONFIGS.keys()];
  return wanted.filter((n) => TOPIC_CONFIGS.has(n)).map((n) => describeTopicConfig(n, topicOverrides, broker));
}

/** Effective value of every topic config, for building a LogConfig. */
export function effectiveTopicConfig(topicOverrides: ReadonlyMap<string, string>, broker: BrokerConfigLayers): Map<string, string | null> {
  return new Map(describeTopicConfigs(topicOverrides, broker).map((e) => [e.name, e.value]));
}

/** Broker-level synonyms: the time-unit families share precedence like the topic keys do. */
const BROKER_SYNONYMS: Record<string, readonly { name: string; scale?: number }[]> = {
  'log.retention.ms': [{ name: 'log.retention.ms' }, { name: 'log.retention.minutes', scale: 60_000 }, { name: 'log.retention.hours', scale: 3_600_000 }],
  'log.retention.minutes': [{ name: 'log.retention.minutes' }, { name: 'log.retention.hours', scale: 60 }],
  'log.roll.ms': [{ name: 'log.roll.ms' }, { name: 'log.roll.hours', scale: 3_600_000 }],
  'log.roll.jitter.ms': [{ name: 'log.roll.jitter.ms' }, { name: 'log.roll.jitter.hours', scale: 3_600_000 }],
  'log.flush.interval.ms': [{ name: 'log.flush.interval.ms' }, { name: 'log.flush.scheduler.interval.ms' }],
};

/**
 * A broker config as DescribeConfigs reports it: like Kafka, the key's own value (log.retention.ms
 * is null unless set, even though log.retention.hours applies) with its family as synonyms.
 */
export function describeBrokerConfig(name: string, broker: BrokerConfigLayers): ConfigEntry {
  const def = BROKER_CONFIGS.get(name);
  if (!def) throw new Error(`Unknown broker config name: ${name}`);
  const own = brokerCandidates([{ name }], broker);
  const synonyms = reportedSynonyms(brokerCandidates(BROKER_SYNONYMS[name] ?? [{ name }], broker), name);
  return entry(def, own, { name, value: def.default, source: ConfigSource.DEFAULT_CONFIG, scale: 1 }, synonyms);
}

export function describeBrokerConfigs(broker: BrokerConfigLayers, names?: readonly string[] | null): ConfigEntry[] {
  const wanted = names ?? [...BROKER_CONFIGS.keys()];
  return wanted.filter((n) => BROKER_CONFIGS.has(n)).map((n) => describeBrokerConfig(n, broker));
}

/** Effective broker value (e.g. num.partitions) as a string, or null when unset with no default; a time-unit family resolves (log.retention.ms falls back to .hours). */
export function brokerValue(name: string, broker: BrokerConfigLayers): string | null {
  const def = BROKER_CONFIGS.get(name);
  if (!def) throw new Error(`Unknown broker config name: ${name}`);
  const winner = brokerCandidates(BROKER_SYNONYMS[name] ?? [{ name }], broker)[0];
  return winner ? scaled(winner.value, winner.scale) : def.default;
}
