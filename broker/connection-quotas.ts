/**
 * Broker-wide connection counting for `max.connections` and `max.connections.per.ip`
 * (with `max.connections.per.ip.overrides`), shared by every listener as in Kafka. The limits
 * are read from the config at each accept, so a dynamic change applies to the next connection.
 */
import type { BrokerConfig } from './config/broker-configs.ts';

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) counts as `127.0.0.1`. */
export const normalizeIp = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** Parses Kafka's `host:count[,host:count]` override list; invalid entries are rejected at start-up. */
export function parseIpOverrides(value: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf(':');
    const count = Number(entry.slice(at + 1));
    if (at <= 0 || !Number.isInteger(count) || count < 0) throw new Error(`expected host:count, got "${entry}"`);
    out.set(normalizeIp(entry.slice(0, at).replace(/^\[|\]$/g, '')), count);
  }
  return out;
}

export class ConnectionQuotas {
  private total = 0;
  private readonly perIp = new Map<string, number>();

  constructor(private readonly config: BrokerConfig) {}

  /** Counts a new connection, or returns why it must be closed at once. */
  acquire(address: string): string | null {
    const ip = normalizeIp(address);
    const current = this.perIp.get(ip) ?? 0;
    const ipLimit = parseIpOverrides(this.config.getString('max.connections.per.ip.overrides')).get(ip) ?? this.config.getInt('max.connections.per.ip');
    if (current >= ipLimit) return `${ip} already has ${current} connections (max.connections.per.ip ${ipLimit})`;
    const limit = this.config.getInt('max.connections');
    if (this.total >= limit) return `the broker already has ${this.total} connections (max.connections ${limit})`;
    this.total++;
    this.perIp.set(ip, current + 1);
    return null;
  }

  release(address: string): void {
    const ip = normalizeIp(address);
    const current = this.perIp.get(ip) ?? 0;
    this.total--;
    if (current <= 1) this.perIp.delete(ip);
    else this.perIp.set(ip, current - 1);
  }
}
