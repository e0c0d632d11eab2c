/**
 * The real broker process with its schema registry on a free loopback port, and a small client
 * for the registry's REST API that keeps status, content type and the parsed body together.
 */
import { after, before } from 'node:test';
import { removeDir, startBroker, type BrokerProcess, type StartOptions } from '../helpers/broker-process.ts';

export const VND = 'application/vnd.schemaregistry.v1+json';

export async function startRegistryBroker(options: StartOptions = {}): Promise<BrokerProcess & { registryUrl: string }> {
  const broker = await startBroker({ ...options, args: ['--schema-registry-port', '0', ...(options.args ?? [])] });
  if (!broker.registryUrl) {
    await broker.stop();
    throw new Error(`no schema registry line in the broker output:\n${broker.output()}`);
  }
  return broker as BrokerProcess & { registryUrl: string };
}

/** One registry broker for a test file: started before its tests, stopped (data removed) after. */
export function useRegistryBroker(): () => BrokerProcess & { registryUrl: string } {
  let broker: (BrokerProcess & { registryUrl: string }) | undefined;
  before(async () => {
    broker = await startRegistryBroker();
  });
  after(async () => {
    await broker?.stop();
    if (broker) removeDir(broker.dataDir);
  });
  return () => {
    if (!broker) throw new Error('the registry broker is not started yet');
    return broker;
  };
}

export interface Reply {
  status: number;
  contentType: string | null;
  body: unknown;
  text: string;
}

export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': VND, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // raw schema text (Protobuf) stays a string
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body: parsed, text };
}

export const avroRecord = (name: string, fields: unknown[]): string => JSON.stringify({ type: 'record', name, namespace: 'test', fields });
