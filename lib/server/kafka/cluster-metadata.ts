/**
 * Metadata of every topic through wire.ts, decoded by the generated codec: kafkajs's decoder
 * and its per-topic reshaping cost more than the broker's answer for 10,000 topics. No
 * `server-only`: the tests and the bench can make the same request.
 */
import { encodeMetadataRequest, type MetadataRequest } from '../../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse, type MetadataResponse, type MetadataResponseTopic } from '../../../broker/protocol/messages/metadata-response.ts';
import { ZERO_UUID } from '../../../broker/protocol/constants.ts';
import type { KafkaCluster } from './kafkajs-cluster';
import { anyBroker, send, throwIfError, type WireApi } from './wire';

/**
 * v1 is the first where a null topic list means every topic; v10+ adds a topic id to every topic
 * (a buffer each, 10,000 of them for a large cluster) that the console does not show.
 */
const Metadata: WireApi<MetadataRequest, MetadataResponse> = {
  apiKey: 3,
  minVersion: 1,
  maxVersion: 9,
  encode: encodeMetadataRequest,
  decode: decodeMetadataResponse,
};

export interface TopicPartitions {
  name: string;
  partitions: { partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[] }[];
}

/** One Metadata request, of every topic (null) or of the named ones, that never creates a topic. */
function metadataOf(cluster: KafkaCluster, names: string[] | null): Promise<MetadataResponse> {
  return anyBroker(cluster).then((broker) =>
    send(broker, Metadata, {
      topics: names && names.map((name) => ({ name, topicId: ZERO_UUID })),
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    }),
  );
}

export interface ClusterDescription {
  clusterId: string | null;
  controllerId: number;
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
  topics: TopicPartitions[];
}

/** The cluster's id, controller, brokers and every topic with its partitions, from one Metadata request. A topic's error throws, as kafkajs's did. */
export async function describeClusterOn(cluster: KafkaCluster): Promise<ClusterDescription> {
  const res = await metadataOf(cluster, null);
  const topics = res.topics.map((t) => {
    throwIfError(t.errorCode);
    return reshape(t);
  });
  return { clusterId: res.clusterId, controllerId: res.controllerId, brokers: res.brokers, topics };
}

/** Every topic with its partitions, leaders and replicas, from one Metadata request. */
export async function allTopicPartitions(cluster: KafkaCluster): Promise<TopicPartitions[]> {
  return (await describeClusterOn(cluster)).topics;
}

function reshape(t: MetadataResponseTopic): TopicPartitions {
  return {
    name: t.name ?? '',
    partitions: t.partitions.map((p) => ({
      partitionId: p.partitionIndex,
      leader: p.leaderId,
      replicas: p.replicaNodes,
      isr: p.isrNodes,
      offlineReplicas: p.offlineReplicas,
    })),
  };
}

const LEADER_NOT_AVAILABLE = 5;
/** Answers that mean the cluster has no topic by that name. */
const NO_SUCH_TOPIC = new Set([3 /* UNKNOWN_TOPIC_OR_PARTITION */, 17 /* INVALID_TOPIC_EXCEPTION */]);

/**
 * The named topics' partitions, leaders and replicas, in one Metadata request that never creates
 * them (allowAutoTopicCreation is false); names the cluster does not have are left out. Checking
 * names this way replaced listing every topic (a 10,000-topic Metadata on every topic page).
 */
export async function namedTopics(cluster: KafkaCluster, names: string[]): Promise<Map<string, TopicPartitions>> {
  const out = new Map<string, TopicPartitions>();
  if (names.length === 0) return out;
  const res = await metadataOf(cluster, [...new Set(names)]);
  for (const t of res.topics) {
    if (NO_SUCH_TOPIC.has(t.errorCode) || t.name === null) continue;
    // A topic whose leaders are not elected yet exists (just created): its partitions may be empty.
    if (t.errorCode !== LEADER_NOT_AVAILABLE) throwIfError(t.errorCode);
    out.set(t.name, reshape(t));
  }
  return out;
}

/** One topic's partitions, or null when the cluster has no such topic. */
export async function topicPartitions(cluster: KafkaCluster, name: string): Promise<TopicPartitions | null> {
  return (await namedTopics(cluster, [name])).get(name) ?? null;
}
