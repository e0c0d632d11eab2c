/**
 * JSON shapes the console's API returns. INT64 values (offsets, lag, timestamps) travel as
 * decimal strings; parse them with BigInt() on the client, never Number().
 */
export type Int64String = string;

export interface ClusterRef {
  id: string;
  name: string;
  brokers: string[];
  /** How the console connects, e.g. "SASL_SSL, SCRAM-SHA-512"; never credentials. */
  security?: string;
  /** The cluster's schema registry URL, when it has one (credentials never leave the server). */
  schemaRegistry?: string;
}

export interface BrokerDto {
  id: number;
  host: string;
  port: number;
  rack: string | null;
  controller: boolean;
}

export interface BrokerSummaryDto extends BrokerDto {
  /** partitions this broker leads */
  leaderPartitions: number;
  /** partition replicas it holds */
  replicas: number;
  /** bytes of all partition logs in its log dirs (DescribeLogDirs); null when unknown */
  sizeBytes: Int64String | null;
  /** the log dirs' file systems (DescribeLogDirs v4); null when not reported */
  diskTotalBytes: Int64String | null;
  diskUsableBytes: Int64String | null;
  logDirs: { path: string; error: string | null }[];
}

/**
 * What the cluster tells about its software. Kafka reports no release version over its protocol
 * (Metadata and DescribeCluster carry none), so `reported` stays null; `guess` is derived from the
 * API versions a broker offers and is labelled as such.
 */
export interface KafkaVersionDto {
  reported: string | null;
  guess: string | null;
  basis: string;
}

export interface BrokerListDto {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerSummaryDto[];
  /** why sizes are unknown (DescribeLogDirs refused or unsupported) */
  sizeUnknownReason?: string;
}

export interface BrokerDetailDto {
  broker: BrokerSummaryDto;
  clusterId: string | null;
  version: KafkaVersionDto;
  /** DescribeConfigs BROKER; null with configsError when the cluster refused */
  configs: ConfigEntryDto[] | null;
  configsError?: string;
  sizeUnknownReason?: string;
}

export interface OverviewDto {
  cluster: ClusterRef;
  clusterId: string;
  controllerId: number | null;
  brokers: BrokerDto[];
  topicCount: number;
  internalTopicCount: number;
  partitionCount: number;
  underReplicatedPartitions: number;
  /** null when the cluster does not support the consumer-group APIs */
  groupCount: number | null;
  groupsUnsupportedReason?: string;
}

/**
 * A topic as one Metadata request describes it (what `kcat -L` shows): `GET /api/topics?stats=false`.
 * The topic list shows these first and fills in the counts from the full rows.
 */
export interface TopicListingDto {
  name: string;
  internal: boolean;
  partitions: number;
  replicationFactor: number;
  underReplicatedPartitions: number;
}

/** A topic's row with its counts (ListOffsets, DescribeLogDirs, the groups' offsets): `GET /api/topics`. */
export interface TopicSummaryDto extends TopicListingDto {
  messages: Int64String;
  /** bytes of the leaders' copies (DescribeLogDirs); null when the cluster did not tell (refused or unsupported) */
  sizeBytes: Int64String | null;
  /** consumer groups with committed offsets on the topic; null when they could not be read */
  groups: number | null;
  /** those groups' lag on the topic, summed; null when the groups could not be read */
  totalLag: Int64String | null;
  /** those groups, each with its state and its lag on the topic (the lag column's detail); null when they could not be read */
  readers: TopicReaderDto[] | null;
}

/** A consumer group reading a topic: its state and its lag on that topic. */
export interface TopicReaderDto {
  groupId: string;
  state: string;
  lag: Int64String;
}

export interface PartitionDto {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  firstOffset: Int64String;
  lastOffset: Int64String;
  /** topic detail only: the last stable offset (below lastOffset while a transaction is open) */
  lastStableOffset?: Int64String;
  messages: Int64String;
  underReplicated: boolean;
  /** topic detail only: bytes of the leader's copy (DescribeLogDirs); null when unknown */
  sizeBytes?: Int64String | null;
}

export interface ConfigEntryDto {
  name: string;
  value: string | null;
  isDefault: boolean;
  readOnly: boolean;
  sensitive: boolean;
  source: string;
}

export interface TopicGroupLagDto {
  groupId: string;
  lag: Int64String;
}

export interface TopicDetailDto {
  name: string;
  internal: boolean;
  replicationFactor: number;
  partitions: PartitionDto[];
  messages: Int64String;
  underReplicatedPartitions: number;
  /** summed over the partitions; null when the cluster did not tell */
  sizeBytes: Int64String | null;
  /** why sizes are unknown (DescribeLogDirs refused or unsupported) */
  sizeUnknownReason?: string;
}

/** classic: JoinGroup/SyncGroup members; consumer: KIP-848 (`group.protocol=consumer`), assigned by the broker. */
export type GroupType = 'classic' | 'consumer';

export interface GroupSummaryDto {
  groupId: string;
  type: GroupType;
  state: string;
  protocolType: string;
  protocol: string;
  members: number;
  topics: string[];
  totalLag: Int64String;
}

export interface GroupMemberDto {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
  /** consumer groups: the member's epoch, and what the broker means it to own once reconciled */
  memberEpoch?: number;
  targetAssignments?: { topic: string; partitions: number[] }[];
}

export interface GroupOffsetDto {
  topic: string;
  partition: number;
  committedOffset: Int64String | null;
  logEndOffset: Int64String;
  logStartOffset: Int64String;
  lag: Int64String;
  /** the member currently assigned this partition, if any */
  owner?: { memberId: string; clientId: string; host: string } | null;
}

export interface GroupDetailDto {
  groupId: string;
  type: GroupType;
  /** consumer groups: group epoch, target assignment epoch and the server-side assignor */
  groupEpoch?: number;
  assignmentEpoch?: number;
  assignor?: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: GroupMemberDto[];
  offsets: GroupOffsetDto[];
  totalLag: Int64String;
}

export interface ResetPreviewRowDto {
  topic: string;
  partition: number;
  currentOffset: Int64String | null;
  newOffset: Int64String;
  logStartOffset: Int64String;
  logEndOffset: Int64String;
  lagAfter: Int64String;
  /** set when the requested offset lay outside the log and was moved to its start or end (as Kafka's tool does) */
  adjusted?: string;
}

export interface ResetPreviewDto {
  groupId: string;
  state: string;
  /** consumers in the group now; Kafka only lets offsets change while there are none */
  members: number;
  /** why Apply would be refused (a live group), or null when it can go ahead */
  blockedReason: string | null;
  rows: ResetPreviewRowDto[];
}

export interface LagSampleDto {
  at: number;
  lag: Int64String;
}

/** One ACL binding; enum fields carry Kafka's names (TOPIC, PREFIXED, READ, ALLOW). */
export interface AclDto {
  resourceType: string;
  resourceName: string;
  patternType: string;
  principal: string;
  host: string;
  operation: string;
  permission: string;
}

/** `authorizer: false` when the cluster has none (Kafka answers SECURITY_DISABLED). */
export interface AclListDto {
  authorizer: boolean;
  message: string | null;
  acls: AclDto[];
}

/** One transaction as its coordinator describes it (ListTransactions + DescribeTransactions). */
export interface TransactionDto {
  transactionalId: string;
  producerId: Int64String;
  producerEpoch: number;
  /** Kafka's state name: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, PrepareEpochFence, Dead */
  state: string;
  timeoutMs: number;
  /** when the current transaction began (ms since the epoch); null when none is open */
  startTimeMs: Int64String | null;
  /** how long it has been open, by the console's clock; null when none is open */
  ageMs: number | null;
  partitions: { topic: string; partition: number }[];
  coordinator: number;
  /** set when the coordinator could not describe this id (it listed it a moment before) */
  error?: string;
}

export interface TransactionListDto {
  transactions: TransactionDto[];
}

/** A producer with state on a partition (DescribeProducers). */
export interface ActiveProducerDto {
  producerId: Int64String;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: Int64String;
  coordinatorEpoch: number;
  /** first offset of its open transaction on this partition; null when none is open */
  currentTxnStartOffset: Int64String | null;
}

export interface PartitionProducersDto {
  partition: number;
  producers: ActiveProducerDto[];
  error?: string;
}

/** How far a group is behind on one partition, in records and in time, and whether it catches up. */
export interface PartitionLagTimeDto {
  topic: string;
  partition: number;
  lag: Int64String;
  /** now minus the timestamp of the next record the group has not consumed; 0 when caught up, null when unknown */
  lagMs: number | null;
  /** records/s over the last minutes of samples; null until two samples exist */
  consumeRate: number | null;
  produceRate: number | null;
  /** seconds until lag reaches 0 at the current rates; null when unknown or not catching up */
  etaSec: number | null;
  trend: 'caught-up' | 'catching-up' | 'falling-behind' | 'unknown';
}

export interface GroupLagTimeDto {
  groupId: string;
  state: string;
  at: number;
  partitions: PartitionLagTimeDto[];
  /** the largest lag in time over the partitions */
  maxLagMs: number | null;
  consumeRate: number | null;
  produceRate: number | null;
  etaSec: number | null;
  trend: PartitionLagTimeDto['trend'];
}

/** Produce rate per partition over time (records/s), for the topic page's sparklines. */
export interface TopicRatesDto {
  topic: string;
  points: { at: number; rates: (number | null)[] }[];
}
