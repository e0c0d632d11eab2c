/**
 * kafkajs 2.2.4 (the console's client) against Apache Kafka: every API it implements still has a
 * request version both sides support, so none of its requests hits a version Kafka 4 removed
 * (KIP-896). The console's own requests are exercised end to end by test/console/ with
 * KAYAK_TEST_TARGET=kafka; this pins down why they work.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startKafka, type KafkaProcess } from './kafka-fixture.ts';
import { brokerApiVersions, kafkajsVersionTable } from './kafkajs-versions.ts';

let kafka: KafkaProcess;

before(async () => {
  kafka = await startKafka();
});
after(async () => {
  await kafka?.stop();
});

test('every request kafkajs can send has a version Apache Kafka still takes', async () => {
  const table = kafkajsVersionTable(await brokerApiVersions(kafka.port));
  assert.ok(table.length >= 30, `kafkajs APIs the broker offers: ${table.length}`);
  const gaps = table.filter((r) => r.chosen === null);
  assert.deepEqual(gaps, [], `kafkajs's newest version is below Kafka ${kafka.version}'s oldest for these APIs`);
  // The ones KIP-896 raised the floor of, with what kafkajs sends instead.
  const sent = Object.fromEntries(table.filter((r) => r.brokerMin > 0).map((r) => [r.api, r.chosen]));
  assert.ok((sent.Fetch ?? 0) >= 4 && (sent.OffsetCommit ?? 0) >= 2, JSON.stringify(sent));
});
