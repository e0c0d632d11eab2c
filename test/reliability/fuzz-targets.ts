/**
 * What a fuzz run aims at, asked of the running broker over the wire: the APIs it advertises
 * (ApiVersions) and a real topic with its id (CreateTopics v7), so seeds name things that exist.
 */
import { RawClient } from '../helpers/raw-client.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';
import { defaultApiVersionsRequest, encodeApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { decodeCreateTopicsResponse } from '../../broker/protocol/messages/create-topics-response.ts';
import { defaultCreatableTopic, defaultCreateTopicsRequest, encodeCreateTopicsRequest } from '../../broker/protocol/messages/create-topics-request.ts';

export interface AdvertisedApi {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export async function advertisedApis(port: number): Promise<AdvertisedApi[]> {
  const client = await RawClient.connect(port);
  try {
    const res = await client.request(18, 0, encodeApiVersionsRequest, defaultApiVersionsRequest(), decodeApiVersionsResponse);
    return res.apiKeys.map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion }));
  } finally {
    client.close();
  }
}

/** Creates the topic and returns its topic id. */
export async function createTopic(port: number, topic: string, partitions: number): Promise<Buffer> {
  const client = await RawClient.connect(port);
  try {
    const request = {
      ...defaultCreateTopicsRequest(),
      topics: [{ ...defaultCreatableTopic(), name: topic, numPartitions: partitions, replicationFactor: 1 }],
      timeoutMs: 10_000,
    };
    const res = await client.request(19, 7, encodeCreateTopicsRequest, request, decodeCreateTopicsResponse);
    const created = res.topics[0];
    if (!created || created.errorCode !== 0) throw new Error(`cannot create ${topic}: error ${created?.errorCode} ${created?.errorMessage}`);
    return created.topicId;
  } finally {
    client.close();
  }
}
