// kafkajs has no typings for its internal modules; kafkajs-cluster.ts (the Cluster the free
// consumer's pool and the tests' reader use), the pool's Fetch (kafkajs-pool.ts), the codec
// registration (codecs.ts) and the legacy message-set decoding (legacy-message-set.ts) are the
// only places that import them.
declare module 'kafkajs/src/*';
