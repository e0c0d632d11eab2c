/**
 * Kafka client properties (Kafdrop's KAFKA_PROPERTIES_FILE style) → the console's per-cluster
 * security settings. Java and librdkafka names are both accepted, so an existing
 * `client.properties` usually works unchanged; certificates must be PEM (Node has no JKS).
 * Values may say `${env:NAME}` so a password can come from the environment instead of the file.
 * Error messages name keys and files, never values: they end up in API responses.
 * Pure functions with no I/O (so unit tests can import it; 'server-only' would refuse them).
 */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface TlsSettings {
  /** PEM text, or a file to read it from (resolved when the client is built). */
  ca?: PemSource;
  cert?: PemSource;
  key?: PemSource;
  keyPassword?: string;
  /** false = accept any certificate (development only). */
  verify: boolean;
  /** false = do not check that the certificate names the broker's host. */
  checkHostname: boolean;
}

export type PemSource = { file: string } | { pem: string };

export interface ClusterSecurity {
  protocol: SecurityProtocol;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  tls?: TlsSettings;
}

const PROTOCOLS: SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];
const MECHANISMS: SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function unescape(value: string): string {
  return value.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', f: '\f' } as Record<string, string>)[c] ?? c;
  });
}

/** Parses Java `.properties` text: `key=value`, `key: value`, `#`/`!` comments, `\` continuations. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    // An odd number of trailing backslashes continues the logical line.
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.replace(/^\s+/, '');
    const m = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m) out[unescape(m[1]!)] = unescape(m[2]!.replace(/\s+$/, ''));
    else out[unescape(line)] = '';
  }
  return out;
}

/** Replaces `${env:NAME}` with the variable's value (a missing variable is a config error). */
export function interpolateEnv(props: Record<string, string>, env: Record<string, string | undefined>, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    out[k] = v.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const value = env[name];
      if (value === undefined) throw new ConfigError(`${where}: ${k} refers to \${env:${name}}, which is not set`);
      return value;
    });
  }
  return out;
}

/** username/password out of `sasl.jaas.config` (Plain or Scram login module). */
function parseJaas(jaas: string, where: string): { module: string; username?: string; password?: string } {
  const loginModule = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\b/.exec(jaas)?.[1];
  if (!loginModule)
    throw new ConfigError(`${where}: sasl.jaas.config is not a JAAS login module line ("<LoginModule> required username=\\"…\\" password=\\"…\\";")`);
  const opts: Record<string, string> = {};
  for (const m of jaas.matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/g)) {
    opts[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return { module: loginModule, username: opts.username, password: opts.password };
}

function pem(props: Record<string, string>, inlineKeys: string[], fileKeys: string[]): PemSource | undefined {
  for (const k of inlineKeys) if (props[k]) return { pem: props[k]!.replace(/\\n/g, '\n') };
  for (const k of fileKeys) if (props[k]) return { file: props[k]! };
  return undefined;
}

function isFalse(v: string | undefined): boolean {
  return v !== undefined && /^(false|0|no|off)$/i.test(v.trim());
}

/**
 * Turns properties into settings. `where` names the source for error messages. With no
 * security.protocol, it is inferred: SASL when credentials are given, SSL when TLS files are.
 */
export function securityFromProperties(props: Record<string, string>, where: string): ClusterSecurity {
  const get = (k: string): string | undefined => (props[k] === undefined || props[k] === '' ? undefined : props[k]!.trim());

  for (const k of ['ssl.truststore.location', 'ssl.keystore.location']) {
    const type = get(k.replace('location', 'type'));
    if (get(k) && type?.toUpperCase() !== 'PEM') {
      throw new ConfigError(
        `${where}: ${k} must be a PEM file (set ${k.replace('location', 'type')}=PEM); Java keystores (JKS/PKCS12) are not supported — convert them to PEM and use ssl.ca.location, ssl.certificate.location and ssl.key.location`,
      );
    }
  }

  let username = get('sasl.username');
  let password = props['sasl.password'];
  let mechanism = (get('sasl.mechanism') ?? get('sasl.mechanisms'))?.toUpperCase();
  const jaasText = get('sasl.jaas.config');
  if (jaasText) {
    const jaas = parseJaas(jaasText, where);
    username ??= jaas.username;
    password ??= jaas.password;
    if (!mechanism) {
      if (/PlainLoginModule$/.test(jaas.module)) mechanism = 'PLAIN';
      else if (/ScramLoginModule$/.test(jaas.module))
        throw new ConfigError(`${where}: the SCRAM login module needs sasl.mechanism=SCRAM-SHA-256 or SCRAM-SHA-512`);
    }
  }
  const hasSasl = username !== undefined || password !== undefined;

  const ca = pem(props, ['ssl.ca.pem', 'ssl.truststore.certificates'], ['ssl.ca.location', 'ssl.truststore.location']);
  const cert = pem(props, ['ssl.certificate.pem', 'ssl.keystore.certificate.chain'], ['ssl.certificate.location']);
  const key = pem(props, ['ssl.key.pem', 'ssl.keystore.key'], ['ssl.key.location']);
  const hasTls = Boolean(ca || cert || key || isFalse(props['enable.ssl.certificate.verification']));

  const declared = get('security.protocol')?.toUpperCase();
  if (declared && !PROTOCOLS.includes(declared as SecurityProtocol)) {
    throw new ConfigError(`${where}: security.protocol must be one of ${PROTOCOLS.join(', ')}`);
  }
  const protocol = (declared ?? (hasSasl ? (hasTls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : hasTls ? 'SSL' : 'PLAINTEXT')) as SecurityProtocol;

  const security: ClusterSecurity = { protocol };
  if (protocol.startsWith('SASL_')) {
    mechanism ??= 'PLAIN';
    if (!MECHANISMS.includes(mechanism as SaslMechanism)) {
      throw new ConfigError(`${where}: sasl.mechanism ${mechanism} is not supported; use one of ${MECHANISMS.join(', ')}`);
    }
    if (!username || password === undefined) {
      throw new ConfigError(`${where}: ${protocol} needs a username and password (sasl.username/sasl.password or sasl.jaas.config)`);
    }
    security.sasl = { mechanism: mechanism as SaslMechanism, username, password };
  }
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    if ((cert && !key) || (key && !cert)) throw new ConfigError(`${where}: a client certificate needs both ssl.certificate.location and ssl.key.location`);
    const algorithm = props['ssl.endpoint.identification.algorithm'];
    security.tls = {
      ca,
      cert,
      key,
      keyPassword: props['ssl.key.password'] || undefined,
      verify: !isFalse(props['enable.ssl.certificate.verification']),
      checkHostname: algorithm === undefined || !/^\s*(none)?\s*$/i.test(algorithm),
    };
  }
  return security;
}

/** A short description with no secrets or user names, for the clusters API. */
export function describeSecurity(s: ClusterSecurity): string {
  const parts: string[] = [s.protocol];
  if (s.sasl) parts.push(s.sasl.mechanism);
  if (s.tls && !s.tls.verify) parts.push('certificate verification off');
  else if (s.tls && !s.tls.checkHostname) parts.push('host name check off');
  return parts.join(', ');
}
