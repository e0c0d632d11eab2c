import { createRequire } from 'node:module';
import { startBroker, runCommand, benchDir, cpuMs } from './lib/procs.ts';
import { withAdmin } from './lib/kafka.ts';
import { summarizeProfiles } from './lib/profile.ts';
import { Admin } from '@platformatic/kafka';
const require = createRequire(import.meta.url);
const Cluster = require('kafkajs/src/cluster');
const { createLogger, LEVELS } = require('kafkajs/src/loggers');
const LoggerConsole = require('kafkajs/src/loggers/console');
const socketFactory = require('kafkajs/src/network/socketFactory');
const N = 10000;
const prof = benchDir('prof');
const data = benchDir('probe');
let broker = await startBroker({ dataDir: data });
await withAdmin(broker.bootstrap, async (admin) => {
  for (let i = 0; i < N; i += 500) {
    const names = Array.from({ length: Math.min(500, N - i) }, (_, j) => `bench-t-${String(i + j).padStart(5, '0')}`);
    await admin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })) });
  }
});
await broker.stop();
broker = await startBroker({ dataDir: data, cpuProfDir: prof });
try {
  const cluster = new Cluster({ logger: createLogger({ level: LEVELS.NOTHING, logCreator: LoggerConsole }), socketFactory: socketFactory(), brokers: [broker.bootstrap], clientId: 'p', connectionTimeout: 3000, requestTimeout: 30000, enforceRequestTimeout: true, metadataMaxAge: 300000, retry: { retries: 1 }, allowAutoTopicCreation: false, isolationLevel: 0 });
  await cluster.connect();
  const md = await cluster.metadata();
  const b = await cluster.findBroker({ nodeId: String(md.brokers[0].nodeId) });
  const topics = md.topicMetadata.map((x: any) => ({ topic: x.topic, partitions: x.partitionMetadata.map((p: any) => ({ partition: p.partitionId, timestamp: '-1' })) }));
  const admin = new Admin({ clientId: 'p', bootstrapBrokers: [broker.bootstrap] });
  const c = async (name: string, fn: () => Promise<unknown>) => { const b0 = cpuMs(broker.pid); const t0 = performance.now(); await fn(); console.log(name, 'wall', (performance.now() - t0).toFixed(0), 'broker cpu', cpuMs(broker.pid) - b0); };
  for (let i = 0; i < 5; i++) {
    await c('kcat -L', () => runCommand('kcat', ['-L', '-b', broker.bootstrap], { keepStdout: true }));
    await c('listOffsets', () => b.listOffsets({ replicaId: -1, isolationLevel: 0, topics }));
    await c('logdirs', () => admin.describeLogDirs({ topics: null } as any));
  }
  await admin.close();
  await cluster.disconnect();
} finally { await broker.stop(); }
const s = summarizeProfiles(prof, 40);
console.log(s?.table);
