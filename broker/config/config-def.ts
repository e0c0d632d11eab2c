/**
 * Shared shapes for topic and broker config tables. Values travel as strings everywhere
 * (that is what CreateTopics/AlterConfigs/DescribeConfigs carry); typed parsing happens once,
 * in validate-config.ts and broker/log/log-config.ts.
 */
export type ConfigType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password';

/** DescribeConfigs v3+ `config_type` codes. */
export const ConfigTypeCode: Record<ConfigType, number> = {
  boolean: 1,
  string: 2,
  int: 3,
  short: 4,
  long: 5,
  double: 6,
  list: 7,
  class: 8,
  password: 9,
};

/** DescribeConfigs `config_source` codes. */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

export const LONG_MAX = '9223372036854775807';
export const INT_MAX = 2147483647;

/** A broker key a topic config inherits from; `scale` converts its unit (hours → ms). */
export interface Synonym {
  name: string;
  scale?: number;
}

export interface ConfigDef {
  name: string;
  type: ConfigType;
  /** null = no default (the next synonym or nothing applies). */
  default: string | null;
  /** Allowed values for string and list types (case-sensitive, as Kafka's ValidString). */
  validValues?: readonly string[];
  min?: number;
  max?: number;
  /** Extra check for formats a range cannot express; returns an error message or null. */
  check?: (value: string) => string | null;
  doc: string;
  /** Topic configs: broker keys consulted, in precedence order, when the topic does not override. */
  synonyms?: readonly Synonym[];
  readOnly?: boolean;
  sensitive?: boolean;
}
