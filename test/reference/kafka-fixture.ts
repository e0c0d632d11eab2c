/**
 * Apache Kafka as a test fixture: the jars come from Maven Central (scripts/kafka-reference.sh,
 * cached outside the repository), and each test file starts its own single-node KRaft Kafka
 * (combined broker and controller) on free loopback ports with temp storage, then stops it by pid.
 * Also runs Kafka's command-line tools as Java classes, the way the `bin/kafka-*.sh` wrappers do.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../console/stack.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { randomKafkaUuid } from '../../broker/log/meta-properties.ts';
import { defaultMetadataRequest, encodeMetadataRequest } from '../../broker/protocol/messages/metadata-request.ts';
import { decodeMetadataResponse } from '../../broker/protocol/messages/metadata-response.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The Kafka the reference tests run against unless KAYAK_KAFKA_VERSION says otherwise. */
export const DEFAULT_KAFKA_VERSION = '4.1.0';
export const kafkaVersion = (): string => process.env.KAYAK_KAFKA_VERSION || DEFAULT_KAFKA_VERSION;

/** Small heaps and the C1 compiler only: the test machines are shared and these JVMs are short-lived. */
const JVM_FLAGS = ['-Xms64m', '-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];

const resolved = new Map<string, string>();

/** The directory holding every jar of that Kafka version, resolving it with Maven on first use. */
export function kafkaJars(version = kafkaVersion()): string {
  let dir = resolved.get(version);
  if (!dir) {
    dir = execFileSync('bash', [join(ROOT, 'scripts', 'kafka-reference.sh'), version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    resolved.set(version, dir);
  }
  return dir;
}

export const classpath = (version = kafkaVersion()): string => `${kafkaJars(version)}/*`;

export interface JavaResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface JavaOptions {
  version?: string;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  timeoutMs?: number;
  /** More classpath entries (compiled test programs). */
  extraClasspath?: string[];
  /** System properties, as -Dkey=value. */
  props?: Record<string, string>;
}

/** Runs a Java main class with Kafka's jars on the classpath; resolves with its output (never throws on a non-zero exit). */
export function runJava(mainClass: string, args: string[], opts: JavaOptions = {}): Promise<JavaResult> {
  const cp = [...(opts.extraClasspath ?? []), classpath(opts.version)].join(':');
  // Tools log their own chatter at WARN: their stdout is what the tests read.
  const props = { 'org.slf4j.simpleLogger.defaultLogLevel': 'warn', ...opts.props };
  const jvmArgs = [...JVM_FLAGS, ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-cp', cp, mainClass, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('java', jvmArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${opts.timeoutMs ?? 120_000}ms]`;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs one of Kafka's tools by class (`org.apache.kafka.tools.TopicCommand`, ...); throws with its output when it fails. */
export async function kafkaTool(mainClass: string, args: string[], opts: JavaOptions = {}): Promise<string> {
  const res = await runJava(mainClass, args, opts);
  if (res.code !== 0) throw new Error(`${mainClass} ${args.join(' ')} exited with ${res.code}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`);
  return res.stdout;
}

export interface KafkaProcess {
  version: string;
  pid: number;
  port: number;
  bootstrap: string;
  /** Everything the broker has logged so far. */
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * A KRaft cluster id as `kafka-storage random-uuid` prints it: never starting with '-', which
 * the tool's argument parser would take for an option.
 */
const clusterId = (): string => randomKafkaUuid().toString('base64url');

function serverProperties(nodeId: number, port: number, controllerPort: number, logDir: string): string {
  const props: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': nodeId,
    'controller.quorum.voters': `${nodeId}@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': 1,
    // One node: every internal topic has to live with a single replica.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 3,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 3,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Tests join groups one consumer at a time; Kafka's default 3 s wait only slows them down.
    'group.initial.rebalance.delay.ms': 0,
  };
  return (
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
}

/** Ready once Metadata lists this broker: the controller has elected itself and the broker has registered. */
async function metadataReady(port: number): Promise<boolean> {
  let client: RawClient | undefined;
  try {
    client = await RawClient.connect(port);
    const res = await Promise.race([
      client.request(3, 12, encodeMetadataRequest, { ...defaultMetadataRequest(), topics: [], allowAutoTopicCreation: false }, decodeMetadataResponse),
      new Promise<null>((r) => setTimeout(() => r(null), 2000)),
    ]);
    return !!res && res.brokers.length > 0;
  } catch {
    return false;
  } finally {
    client?.close();
  }
}

export interface StartKafkaOptions {
  version?: string;
  /** More server.properties entries. */
  config?: Record<string, string | number>;
  /** The client listener's port (a free one when not given). */
  port?: number;
  timeoutMs?: number;
}

/** Formats storage and starts a single-node KRaft Kafka; rejects with its log if it is not ready in time. */
export async function startKafka(opts: StartKafkaOptions = {}): Promise<KafkaProcess> {
  const version = opts.version ?? kafkaVersion();
  const dir = mkdtempSync(join(tmpdir(), 'kayak-kafka-'));
  const port = opts.port ?? (await freePort());
  const controllerPort = await freePort();
  const propsFile = join(dir, 'server.properties');
  const extra = Object.entries(opts.config ?? {})
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  writeFileSync(propsFile, serverProperties(1, port, controllerPort, join(dir, 'logs')) + extra);
  await kafkaTool('kafka.tools.StorageTool', ['format', '-t', clusterId(), '-c', propsFile], { version, timeoutMs: 60_000 });

  let out = '';
  const child: ChildProcess = spawn(
    'java',
    [
      ...JVM_FLAGS,
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=info',
      '-Dorg.slf4j.simpleLogger.showDateTime=true',
      '-cp',
      classpath(version),
      'kafka.Kafka',
      propsFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // A controlled shutdown takes a few seconds; a stuck one is not the test's problem.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const log = (): string => out;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (!(await metadataReady(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const why = child.exitCode !== null ? `exited with ${child.exitCode}` : 'not ready in time';
      await stop();
      throw new Error(`Apache Kafka ${version} ${why}; its log:\n${out.slice(-8000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { version, pid: child.pid ?? -1, port, bootstrap: `127.0.0.1:${port}`, log, stop };
}

/** Compiles Java sources against Kafka's jars into a temp directory; returns it (for extraClasspath). */
export async function compileJava(sources: string[], version = kafkaVersion()): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'kayak-javac-'));
  const res = await new Promise<JavaResult>((resolve, reject) => {
    const child = spawn('javac', ['-J-Xmx256m', '-nowarn', '-d', out, '-cp', classpath(version), ...sources], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  if (res.code !== 0) throw new Error(`javac failed:\n${res.stdout}${res.stderr}`);
  return out;
}

export interface JavaProcess {
  pid: number;
  /** stdout lines so far. */
  lines: () => string[];
  /** Resolves with the first stdout line (from `from` on) matching; rejects with the output on timeout or exit. */
  waitFor: (pattern: RegExp, opts?: { from?: number; timeoutMs?: number }) => Promise<string>;
  send: (line: string) => void;
  exited: Promise<number | null>;
  kill: () => void;
}

/** Starts a long-running Java program whose stdout the test reads line by line. */
export function startJava(mainClass: string, args: string[], opts: JavaOptions = {}): JavaProcess {
  const cp = [...(opts.extraClasspath ?? []), classpath(opts.version)].join(':');
  const props = { 'org.slf4j.simpleLogger.defaultLogLevel': 'warn', ...opts.props };
  const child = spawn('java', [...JVM_FLAGS, ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-cp', cp, mainClass, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = (): string => `--- stdout\n${lines.join('\n')}\n--- stderr\n${stderr.slice(-4000)}`;
  return {
    pid: child.pid ?? -1,
    lines: () => lines,
    async waitFor(pattern, { from = 0, timeoutMs = 60_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = lines.slice(from).find((l) => pattern.test(l));
        if (hit !== undefined) return hit;
        if (child.exitCode !== null) throw new Error(`${mainClass} exited with ${child.exitCode} before printing ${pattern}\n${output()}`);
        if (Date.now() > deadline) throw new Error(`${mainClass}: no ${pattern} within ${timeoutMs}ms\n${output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
