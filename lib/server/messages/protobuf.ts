import 'server-only';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { userPath } from '../user-path';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import 'protobufjs/ext/descriptor';

/**
 * Protobuf message types from user-supplied descriptor sets: every `*.desc`, `*.pb` or
 * `*.protoset` file (a serialized google.protobuf.FileDescriptorSet, as written by
 * `protoc --descriptor_set_out`) in KAYAK_PROTOBUF_DESCRIPTOR_DIR. Reloaded when a file changes.
 */
interface Loaded {
  stamp: string;
  roots: protobuf.Root[];
  types: string[];
}
let loaded: Loaded | undefined;

function dir(): string | null {
  const d = process.env.KAYAK_PROTOBUF_DESCRIPTOR_DIR?.trim();
  return d ? userPath(d) : null;
}

function files(d: string): string[] {
  try {
    return readdirSync(d)
      .filter((f) => /\.(desc|pb|protoset|bin)$/.test(f))
      .sort()
      .map((f) => join(d, f));
  } catch {
    return [];
  }
}

function collect(ns: protobuf.NamespaceBase, out: string[]): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested.fullName.replace(/^\./, ''));
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) collect(nested as protobuf.NamespaceBase, out);
  }
}

function load(): Loaded {
  const d = dir();
  const list = d ? files(d) : [];
  const stamp = list.map((f) => `${f}:${statSync(f).mtimeMs}`).join('|');
  if (loaded && loaded.stamp === stamp) return loaded;
  const roots: protobuf.Root[] = [];
  const types: string[] = [];
  for (const f of list) {
    try {
      const root = (protobuf.Root as unknown as { fromDescriptor(b: Uint8Array): protobuf.Root }).fromDescriptor(readFileSync(f));
      roots.push(root);
      collect(root, types);
    } catch (e) {
      console.error(`[kayak] cannot read protobuf descriptor set ${f}: ${e instanceof Error ? e.message : e}`);
    }
  }
  loaded = { stamp, roots, types: [...new Set(types)].filter((t) => !t.startsWith('google.protobuf.')).sort() };
  return loaded;
}

export function protobufTypes(): string[] {
  return load().types;
}

export function protobufType(name: string): protobuf.Type {
  for (const root of load().roots) {
    try {
      return root.lookupType(name);
    } catch {
      // not in this descriptor set
    }
  }
  throw new Error(
    dir() ? `Protobuf type "${name}" is not in the descriptor sets in ${dir()}` : 'No protobuf descriptors configured (set KAYAK_PROTOBUF_DESCRIPTOR_DIR)',
  );
}

export function decodeProtobuf(typeName: string, bytes: Uint8Array): unknown {
  const type = protobufType(typeName);
  const msg = type.decode(bytes);
  return type.toObject(msg, { longs: String, enums: String, bytes: String, defaults: false, arrays: true, oneofs: true });
}
