/**
 * Listeners in Kafka's `listeners` syntax: `PROTOCOL://host:port`, comma-separated, e.g.
 * `PLAINTEXT://127.0.0.1:9092,SASL_SSL://0.0.0.0:9094`. SSL protocols need --tls-cert and
 * --tls-key; SASL protocols need SASL users.
 */
export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

export interface ListenerSpec {
  protocol: SecurityProtocol;
  host: string;
  port: number;
}

export const usesTls = (p: SecurityProtocol): boolean => p === 'SSL' || p === 'SASL_SSL';
export const usesSasl = (p: SecurityProtocol): boolean => p === 'SASL_PLAINTEXT' || p === 'SASL_SSL';

export function parseListeners(spec: string): ListenerSpec[] {
  const listeners = spec.split(',').map((raw) => {
    const m = /^([A-Z_]+):\/\/(\[[^\]]+\]|[^:]*):(\d+)$/.exec(raw.trim());
    if (!m) throw new Error(`listener "${raw}" is not PROTOCOL://host:port`);
    const protocol = m[1] as SecurityProtocol;
    if (!SECURITY_PROTOCOLS.includes(protocol)) throw new Error(`listener protocol ${m[1]} is not one of ${SECURITY_PROTOCOLS.join(', ')}`);
    const port = Number(m[3]);
    if (port > 65535) throw new Error(`listener port ${port} is out of range`);
    return { protocol, host: (m[2] as string).replace(/^\[|\]$/g, '') || '0.0.0.0', port };
  });
  const ports = listeners.map((l) => l.port).filter((p) => p !== 0);
  if (new Set(ports).size !== ports.length) throw new Error('two listeners use the same port');
  return listeners;
}
