// kafkajs has no typings for its internal modules; the free consumer (free-consumer.ts) and
// the codec registration (codecs.ts) are the only places that import them.
declare module 'kafkajs/src/*';
