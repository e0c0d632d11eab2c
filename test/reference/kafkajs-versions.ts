/**
 * Which request version kafkajs 2.2.4 picks for each API against a broker, from the broker's
 * ApiVersions answer. kafkajs takes min(its newest version, the broker's max) and never looks at
 * the broker's min, so an API fails exactly when its newest kafkajs version is below the
 * broker's oldest (Kafka 4 removed old versions, KIP-896).
 */
import { createRequire } from 'node:module';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';

const require = createRequire(import.meta.url);
const kafkajsRequests = require('kafkajs/src/protocol/requests/index.js').requests as Record<string, { versions: string[] }>;
const kafkajsKeys = require('kafkajs/src/protocol/requests/apiKeys.js') as Record<string, number>;

export interface VersionRow {
  api: string;
  apiKey: number;
  kafkajsMax: number;
  brokerMin: number;
  brokerMax: number;
  /** What kafkajs sends, or null when the broker no longer takes any version kafkajs has. */
  chosen: number | null;
}

export async function brokerApiVersions(port: number): Promise<Map<number, { min: number; max: number }>> {
  const client = await RawClient.connect(port);
  try {
    const res = await client.request(
      18,
      3,
      encodeApiVersionsRequest,
      { clientSoftwareName: 'kayak-test', clientSoftwareVersion: '1' },
      decodeApiVersionsResponse,
    );
    return new Map(res.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }]));
  } finally {
    client.close();
  }
}

/** One row per API that both kafkajs implements and the broker offers. */
export function kafkajsVersionTable(broker: Map<number, { min: number; max: number }>): VersionRow[] {
  const rows: VersionRow[] = [];
  for (const [api, def] of Object.entries(kafkajsRequests)) {
    const apiKey = kafkajsKeys[api];
    const offered = apiKey === undefined ? undefined : broker.get(apiKey);
    if (apiKey === undefined || !offered || def.versions.length === 0) continue;
    const kafkajsMax = Math.max(...def.versions.map(Number));
    const chosen = Math.min(kafkajsMax, offered.max);
    rows.push({ api, apiKey, kafkajsMax, brokerMin: offered.min, brokerMax: offered.max, chosen: chosen >= offered.min ? chosen : null });
  }
  return rows.sort((a, b) => a.apiKey - b.apiKey);
}
