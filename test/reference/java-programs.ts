/**
 * For test files that run the small Java programs in test/reference/java/ against the bundled
 * broker: registers before/after hooks that start a broker process and compile the programs
 * (in parallel), and stop and remove both afterwards.
 */
import { join } from 'node:path';
import { after, before } from 'node:test';
import { removeDir, startBroker, type BrokerProcess } from '../helpers/broker-process.ts';
import { compileJava, runJava, startJava, type JavaProcess, type JavaResult } from './kafka-fixture.ts';

export interface JavaPrograms {
  broker: () => BrokerProcess;
  /** Runs a program to its end; `failure` is its output and the broker's, for assertion messages. */
  run: (mainClass: string, args: string[]) => Promise<JavaResult & { failure: string }>;
  /** Starts a long-running program; it is killed after the tests if still running. */
  start: (mainClass: string, args: string[]) => JavaProcess;
}

export function useJavaPrograms(files: string[]): JavaPrograms {
  let broker: BrokerProcess | undefined;
  let classes: string | undefined;
  const started: JavaProcess[] = [];
  before(async () => {
    [broker, classes] = await Promise.all([startBroker(), compileJava(files.map((f) => join(import.meta.dirname, 'java', f)))]);
  });
  after(async () => {
    for (const p of started) p.kill();
    await broker?.stop();
    if (broker) removeDir(broker.dataDir);
    if (classes) removeDir(classes);
  });
  return {
    broker: () => broker!,
    async run(mainClass, args) {
      const res = await runJava(mainClass, args, { extraClasspath: [classes!], timeoutMs: 90_000 });
      const failure = `${mainClass} exited with ${res.code}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr.slice(-6000)}\n--- broker\n${broker!.output().slice(-3000)}`;
      return { ...res, failure };
    },
    start(mainClass, args) {
      const p = startJava(mainClass, args, { extraClasspath: [classes!] });
      started.push(p);
      return p;
    },
  };
}
