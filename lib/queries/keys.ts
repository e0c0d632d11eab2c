/** Query keys, one factory per resource, so mutations invalidate exactly what they change. */
export const keys = {
  clusters: () => ['clusters'] as const,
  me: (c: string | undefined) => ['me', c ?? ''] as const,
  audit: (c: string | undefined, filter: Record<string, string>) => ['audit', c ?? '', filter] as const,
  overview: (c: string | undefined) => ['overview', c ?? ''] as const,
  brokers: (c: string | undefined) => ['brokers', c ?? ''] as const,
  broker: (c: string | undefined, id: number) => ['brokers', c ?? '', id] as const,
  topics: (c: string | undefined) => ['topics', c ?? ''] as const,
  // An object, never a topic name, so it cannot collide with `topic` below.
  topicListing: (c: string | undefined) => ['topics', c ?? '', { stats: false }] as const,
  topic: (c: string | undefined, name: string) => ['topics', c ?? '', name] as const,
  topicConfigs: (c: string | undefined, name: string) => ['topics', c ?? '', name, 'configs'] as const,
  topicGroups: (c: string | undefined, name: string) => ['topics', c ?? '', name, 'groups'] as const,
  groups: (c: string | undefined) => ['groups', c ?? ''] as const,
  group: (c: string | undefined, id: string) => ['groups', c ?? '', id] as const,
  acls: (c: string | undefined) => ['acls', c ?? ''] as const,
  transactions: (c: string | undefined) => ['transactions', c ?? ''] as const,
  topicProducers: (c: string | undefined, name: string) => ['topics', c ?? '', name, 'producers'] as const,
  schemas: (c: string | undefined) => ['schemas', c ?? ''] as const,
  subject: (c: string | undefined, subject: string) => ['schemas', c ?? '', subject] as const,
  schemaVersion: (c: string | undefined, subject: string, version: number) => ['schemas', c ?? '', subject, version] as const,
  lagHistory: (c: string | undefined, id: string) => ['groups', c ?? '', id, 'lag'] as const,
};
