import 'server-only';
import { readFileSync } from 'node:fs';
import { userPath } from '../user-path';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { ApiError } from '../../api-error';
import type { ClusterRef } from '../../dto';
import { clusterSecurity } from '../clusters';
import type { PemSource, TlsSettings } from '../kafka-properties';

/**
 * Connection security for the console's clients, from the cluster's settings: one place builds
 * the TLS options and SASL credentials kafkajs is given, so every client of a cluster (its admin,
 * producers and the pooled Clusters `wire.ts` sends over) connects the same way.
 */
function readPem(source: PemSource | undefined, key: string, cluster: ClusterRef): string | undefined {
  if (!source) return undefined;
  if ('pem' in source) return source.pem;
  try {
    return readFileSync(userPath(source.file), 'utf8');
  } catch (e) {
    throw new ApiError('internal', `Cluster "${cluster.name}": cannot read the ${key} file ${source.file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function tlsOptions(tls: TlsSettings, cluster: ClusterRef): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: tls.verify };
  const ca = readPem(tls.ca, 'CA (ssl.ca.location)', cluster);
  const cert = readPem(tls.cert, 'client certificate (ssl.certificate.location)', cluster);
  const key = readPem(tls.key, 'client key (ssl.key.location)', cluster);
  if (ca) options.ca = [ca];
  if (cert) options.cert = cert;
  if (key) options.key = key;
  if (tls.keyPassword) options.passphrase = tls.keyPassword;
  // ssl.endpoint.identification.algorithm= (empty): the chain is still verified, the host name is not.
  if (!tls.checkHostname) options.checkServerIdentity = () => undefined;
  return options;
}

export interface KafkajsSecurity {
  ssl?: ConnectionOptions;
  sasl?: SASLOptions;
}

export function kafkajsSecurity(cluster: ClusterRef): KafkajsSecurity {
  const s = clusterSecurity(cluster);
  const out: KafkajsSecurity = {};
  if (s.tls) out.ssl = tlsOptions(s.tls, cluster);
  if (s.sasl) {
    const mechanism = s.sasl.mechanism.toLowerCase() as 'plain' | 'scram-sha-256' | 'scram-sha-512';
    out.sasl = { mechanism, username: s.sasl.username, password: s.sasl.password } as SASLOptions;
  }
  return out;
}

/** The SASL user and mechanism, for error messages (never the password). */
export function saslIdentity(cluster: ClusterRef): string | undefined {
  const s = clusterSecurity(cluster).sasl;
  return s ? `${s.mechanism} as user "${s.username}"` : undefined;
}

export function securityProtocol(cluster: ClusterRef): string {
  return clusterSecurity(cluster).protocol;
}
