/**
 * Every generated codec, every valid version: a sample message with a value in each field the
 * version carries survives encode → decode unchanged, and decoding consumes exactly the bytes
 * that encoding wrote.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Reader } from '../../broker/protocol/reader.ts';
import { Writer } from '../../broker/protocol/writer.ts';

const samplesDir = join(import.meta.dirname, 'samples');
const modules = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
const pascal = (kebab: string): string => kebab.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

test('there is a sample module for every generated message', () => {
  const generated = readdirSync(join(import.meta.dirname, '../../broker/protocol/messages')).filter((f) => f !== 'index.ts');
  assert.equal(modules.length, generated.length);
  assert.ok(modules.length >= 76);
});

for (const name of modules) {
  test(`${name} round-trips in every valid version`, async () => {
    const codec = (await import(`../../broker/protocol/messages/${name}.ts`)) as Record<string, unknown>;
    const samples = (await import(`./samples/${name}.ts`)) as Record<string, unknown>;
    const type = pascal(name);
    const encode = codec[`encode${type}`] as (w: Writer, v: number, m: unknown) => void;
    const decode = codec[`decode${type}`] as (r: Reader, v: number) => unknown;
    const sample = samples[`sample${type}`] as (v: number) => unknown;
    const { min, max } = codec.VALID_VERSIONS as { min: number; max: number };
    for (let v = min; v <= max; v++) {
      const message = sample(v);
      const w = new Writer(16);
      encode(w, v, message);
      const bytes = w.toBuffer();
      const r = new Reader(bytes);
      const decoded = decode(r, v);
      assert.deepEqual(decoded, message, `${type} v${v}`);
      assert.equal(r.remaining, 0, `${type} v${v} left ${r.remaining} bytes unread`);
    }
  });
}
