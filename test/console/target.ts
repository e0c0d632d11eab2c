/**
 * Which Kafka the console's route tests run against: KAYAK_TEST_TARGET=bundled (the default, the
 * broker in broker/) or KAYAK_TEST_TARGET=kafka (Apache Kafka from Maven, version from
 * KAYAK_KAFKA_VERSION, see test/reference/kafka-fixture.ts). The same tests run against both;
 * `npm test` runs test/console/ once per target.
 */
import { startKafka, type KafkaProcess } from '../reference/kafka-fixture.ts';
import { buildIfNeeded } from '../../scripts/build-if-needed.ts';
import { startStack, type Stack, type StackOptions } from './stack.ts';

export type TestTarget = 'bundled' | 'kafka';

export function testTarget(): TestTarget {
  const t = process.env.KAYAK_TEST_TARGET ?? 'bundled';
  if (t !== 'bundled' && t !== 'kafka') throw new Error(`KAYAK_TEST_TARGET must be bundled or kafka, not "${t}"`);
  return t;
}

export interface TargetOptions extends StackOptions {
  /** Broker configs for either target: --config flags for the bundled broker, server.properties for Kafka. */
  brokerConfig?: Record<string, string>;
}

/** startStack() against the selected target; stop() also stops the Kafka it started. */
export type TargetStack = Stack & { target: TestTarget };

export async function startTargetStack(opts: TargetOptions = {}): Promise<TargetStack> {
  const { brokerConfig = {}, ...stackOpts } = opts;
  const target = testTarget();
  if (target === 'bundled') {
    const brokerArgs = [...(stackOpts.brokerArgs ?? []), ...Object.entries(brokerConfig).flatMap(([k, v]) => ['--config', `${k}=${v}`])];
    return { ...(await startStack({ ...stackOpts, brokerArgs })), target };
  }
  // Build first: a build taking minutes would otherwise run while Kafka's clock ticks (retention checks).
  buildIfNeeded({ quiet: true });
  const kafka: KafkaProcess = await startKafka({ config: brokerConfig });
  let stack: Stack;
  try {
    stack = await startStack({ ...stackOpts, bootstrap: kafka.bootstrap });
  } catch (e) {
    await kafka.stop();
    throw e;
  }
  return {
    ...stack,
    target,
    async stop() {
      await stack.stop();
      await kafka.stop();
    },
  };
}
