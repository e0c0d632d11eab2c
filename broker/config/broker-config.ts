/**
 * Typed access to the broker's effective configuration (static `--config` overrides plus
 * dynamic cluster-wide defaults). The two maps are shared with LogManager, so an AlterConfigs on
 * the BROKER resource is immediately visible through every getter.
 */
import { BROKER_CONFIGS, canonicalBrokerKey } from './broker-configs.ts';
import { type BrokerConfigLayers, type ConfigEntry, brokerValue, describeBrokerConfigs } from './resolve-config.ts';
import { validateBrokerConfig } from './validate-config.ts';

export class BrokerConfig {
  readonly static: Map<string, string>;
  readonly dynamicDefault: Map<string, string>;

  constructor(overrides: ReadonlyMap<string, string> = new Map(), dynamicDefault: Map<string, string> = new Map()) {
    this.static = new Map([...overrides].map(([k, v]) => [canonicalBrokerKey(k), v]));
    this.dynamicDefault = dynamicDefault;
  }

  get layers(): BrokerConfigLayers {
    return { static: this.static, dynamicDefault: this.dynamicDefault };
  }

  /** Effective value or null (unset with no default). Throws for a key this broker does not know. */
  get(name: string): string | null {
    const key = canonicalBrokerKey(name);
    if (!BROKER_CONFIGS.has(key)) throw new Error(`Unknown broker config name: ${name}`);
    return brokerValue(key, this.layers);
  }

  getString(name: string): string {
    const v = this.get(name);
    if (v === null) throw new Error(`broker config ${name} has no value`);
    return v;
  }
  getInt(name: string): number {
    return Number.parseInt(this.getString(name), 10);
  }
  getLong(name: string): bigint {
    return BigInt(this.getString(name).trim());
  }
  getDouble(name: string): number {
    return Number(this.getString(name));
  }
  getBoolean(name: string): boolean {
    return this.getString(name).trim().toLowerCase() === 'true';
  }
  getList(name: string): string[] {
    return this.getString(name)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  describe(names?: readonly string[] | null): ConfigEntry[] {
    return describeBrokerConfigs(this.layers, names);
  }
}

/** Validates `--config` overrides (throws with Kafka-style messages) and builds a BrokerConfig. */
export function resolveBrokerConfig(overrides: ReadonlyMap<string, string>): BrokerConfig {
  for (const [k, v] of overrides) {
    const err = validateBrokerConfig(k, v);
    if (err) throw new Error(err);
  }
  return new BrokerConfig(overrides);
}
