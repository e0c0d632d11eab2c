/**
 * V8 flags the broker and the console are started with (`npm start`, `npm run broker`, the
 * Docker image, the benchmarks). A 32 MB young generation instead of V8's 16 MB: answering a
 * listing of 10,000 topics allocates tens of MB of short-lived objects per request, and with the
 * default the broker spent about half of its CPU time on scavenges (broker CPU per topic-list
 * request ~210 ms → ~100 ms, same RSS; see docs/kafka-access.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
