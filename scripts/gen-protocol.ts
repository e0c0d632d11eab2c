/**
 * Generates broker/protocol/messages/*.ts from Apache Kafka's message schemas
 * (../shared/kafka-protocol/*.json, JSON with // comments). Each message gets a TypeScript
 * interface per struct plus version-aware decode/encode functions for every valid version,
 * flexible versions (compact encodings, tagged fields) included. Run: npm run gen:protocol.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = process.env.KAFKA_PROTOCOL_DIR ?? join(root, '..', 'shared', 'kafka-protocol');
const outDir = join(root, 'broker', 'protocol', 'messages');
const samplesDir = join(root, 'test', 'protocol', 'samples');

interface FieldSpec {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  taggedVersions?: string;
  flexibleVersions?: string;
  tag?: number;
  default?: string | number | boolean;
  fields?: FieldSpec[];
}
interface MessageSpec {
  apiKey?: number;
  type: 'request' | 'response' | 'header';
  name: string;
  validVersions: string;
  flexibleVersions: string;
  fields: FieldSpec[];
  commonStructs?: { name: string; versions?: string; fields: FieldSpec[] }[];
}

interface Range {
  min: number;
  max: number; // Infinity for "N+"
}

function parseRange(spec: string | undefined): Range | null {
  if (spec === undefined || spec === 'none') return null;
  const plus = /^(\d+)\+$/.exec(spec);
  if (plus) return { min: Number(plus[1]), max: Infinity };
  const span = /^(\d+)-(\d+)$/.exec(spec);
  if (span) return { min: Number(span[1]), max: Number(span[2]) };
  if (/^\d+$/.test(spec)) return { min: Number(spec), max: Number(spec) };
  throw new Error(`cannot parse version range ${spec}`);
}

/** A TypeScript condition on `v` for a version range, simplified against the message's valid range. */
function condition(range: Range | null, valid: Range): string {
  if (range === null) return 'false';
  const lo = range.min > valid.min ? `v >= ${range.min}` : '';
  const hi = range.max < valid.max ? `v <= ${range.max}` : '';
  if (range.min > valid.max || range.max < valid.min) return 'false';
  if (lo && hi) return range.min === range.max ? `v === ${range.min}` : `${lo} && ${hi}`;
  return lo || hi || 'true';
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      // Remove // comments that are not inside a string literal.
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '"' && line[i - 1] !== '\\') inString = !inString;
        if (!inString && c === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

const PRIMITIVE_TS: Record<string, string> = {
  int8: 'number',
  int16: 'number',
  uint16: 'number',
  int32: 'number',
  int64: 'bigint',
  float64: 'number',
  bool: 'boolean',
  string: 'string',
  bytes: 'Buffer',
  records: 'Buffer',
  uuid: 'Buffer',
};

class MessageGenerator {
  private readonly valid: Range;
  private readonly flexible: Range | null;
  private readonly structs = new Map<string, FieldSpec[]>();
  private readonly out: string[] = [];

  constructor(private readonly spec: MessageSpec) {
    const valid = parseRange(spec.validVersions);
    if (!valid) throw new Error(`${spec.name} has no valid versions`);
    this.valid = valid;
    this.flexible = parseRange(spec.flexibleVersions);
    for (const common of spec.commonStructs ?? []) this.structs.set(common.name, common.fields);
    this.collectStructs(spec.fields);
  }

  private collectStructs(fields: FieldSpec[]): void {
    for (const f of fields) {
      if (!f.fields) continue;
      const name = f.type.replace(/^\[\]/, '');
      if (this.structs.has(name)) throw new Error(`${this.spec.name}: struct ${name} defined twice`);
      this.structs.set(name, f.fields);
      this.collectStructs(f.fields);
    }
  }

  private isStruct(type: string): boolean {
    return !(type in PRIMITIVE_TS);
  }

  private tsType(f: FieldSpec): string {
    const nullable = parseRange(f.nullableVersions) !== null;
    const array = f.type.startsWith('[]');
    const base = array ? f.type.slice(2) : f.type;
    const inner = PRIMITIVE_TS[base] ?? base;
    if (array) return nullable ? `${inner}[] | null` : `${inner}[]`;
    if (f.type === 'records') return 'Buffer | null';
    return nullable ? `${inner} | null` : inner;
  }

  private defaultValue(f: FieldSpec): string {
    const nullable = parseRange(f.nullableVersions) !== null;
    const d = f.default;
    if (d === 'null') return 'null';
    if (f.type.startsWith('[]')) return '[]';
    if (f.type === 'records') return 'null';
    switch (f.type) {
      case 'int8':
      case 'int16':
      case 'uint16':
      case 'int32':
      case 'float64':
        return d === undefined || d === '' ? '0' : String(Number(d));
      case 'int64':
        return d === undefined || d === '' ? '0n' : `${BigInt(d as string)}n`;
      case 'bool':
        return String(d === true || d === 'true');
      case 'string':
        return d === undefined ? (nullable ? "''" : "''") : JSON.stringify(d);
      case 'bytes':
        return 'EMPTY_BYTES';
      case 'uuid':
        return 'ZERO_UUID';
      default:
        return `default${f.type}()`;
    }
  }

  /** Expression that reads one value of `type` (element type for arrays) from reader `r`. */
  private readExpr(type: string, nullable: boolean, flex: string): string {
    if (type.startsWith('[]')) {
      const item = this.readExpr(type.slice(2), false, flex);
      return `r.${nullable ? 'nullableArray' : 'array'}(${flex}, () => ${item})`;
    }
    switch (type) {
      case 'int8':
      case 'int16':
      case 'uint16':
      case 'int32':
      case 'int64':
      case 'float64':
      case 'bool':
      case 'uuid':
        return `r.${type}()`;
      case 'string':
        return nullable ? `r.nullableString(${flex})` : `r.string(${flex})`;
      case 'bytes':
        return nullable ? `r.nullableBytes(${flex})` : `r.bytes(${flex})`;
      case 'records':
        return `r.nullableBytes(${flex})`;
      default:
        if (nullable) return `(r.int8() < 0 ? null : read${type}(r, v))`;
        return `read${type}(r, v)`;
    }
  }

  private writeStmt(type: string, value: string, nullable: boolean, flex: string, w = 'w'): string {
    if (type.startsWith('[]')) {
      const itemType = type.slice(2);
      const item = this.writeStmt(itemType, 'x', false, flex, w);
      return `${w}.${nullable ? 'nullableArray' : 'array'}(${flex}, ${value}, (x) => { ${item}; })`;
    }
    switch (type) {
      case 'int8':
      case 'int16':
      case 'uint16':
      case 'int32':
      case 'int64':
      case 'float64':
      case 'bool':
      case 'uuid':
        return `${w}.${type}(${value})`;
      case 'string':
        return nullable ? `${w}.nullableString(${flex}, ${value})` : `${w}.string(${flex}, ${value})`;
      case 'bytes':
        return nullable ? `${w}.nullableBytes(${flex}, ${value})` : `${w}.bytes(${flex}, ${value})`;
      case 'records':
        return `${w}.nullableBytes(${flex}, ${value})`;
      default:
        if (nullable) return `if (${value} === null) ${w}.int8(-1); else { ${w}.int8(1); write${type}(${w}, v, ${value}); }`;
        return `write${type}(${w}, v, ${value})`;
    }
  }

  private isDefaultExpr(f: FieldSpec, value: string): string {
    const d = this.defaultValue(f);
    if (f.type.startsWith('[]')) return d === 'null' ? `${value} === null` : `${value} !== null && ${value}.length === 0`;
    if (f.type === 'bytes' || f.type === 'uuid') return `${value}.length === 0 || ${value}.equals(${d})`;
    if (this.isStruct(f.type)) return d === 'null' ? `${value} === null` : `isDefault${f.type}(${value})`;
    return `${value} === ${d}`;
  }

  private flexExpr(f: FieldSpec): string {
    // A field may opt out of flexible encoding (RequestHeader.ClientId keeps its int16 length).
    if (f.flexibleVersions === 'none') return 'false';
    return 'flex';
  }

  private emitStruct(name: string, fields: FieldSpec[]): void {
    const o = this.out;
    o.push(`export interface ${name} {`);
    for (const f of fields) o.push(`  ${camel(f.name)}: ${this.tsType(f)};`);
    o.push('}', '');

    o.push(`export function default${name}(): ${name} {`);
    o.push(`  return { ${fields.map((f) => `${camel(f.name)}: ${this.defaultValue(f)}`).join(', ')} };`);
    o.push('}', '');

    // Tagged fields are only written when they differ from their defaults, as Kafka does.
    o.push(`function isDefault${name}(o: ${name}): boolean {`);
    o.push(`  return ${fields.map((f) => `(${this.isDefaultExpr(f, `o.${camel(f.name)}`)})`).join(' && ') || 'true'};`);
    o.push('}', '');

    const tagged = fields.filter((f) => parseRange(f.taggedVersions) !== null);
    const flexCond = condition(this.flexible, this.valid);

    // Decoder.
    // One object literal, its properties in wire order (JavaScript evaluates them in that order):
    // every decoded struct gets one shape and no default values that are thrown away.
    o.push(`function read${name}(r: Reader, v: number): ${name} {`);
    o.push(`  const flex = ${flexCond};`);
    o.push(`  const o: ${name} = {`);
    for (const f of fields) {
      const cond = parseRange(f.taggedVersions) ? 'false' : condition(parseRange(f.versions), this.valid);
      const nullable = parseRange(f.nullableVersions) !== null;
      const read = this.readExpr(f.type, nullable, this.flexExpr(f));
      const value = cond === 'true' ? read : cond === 'false' ? this.defaultValue(f) : `${cond} ? ${read} : ${this.defaultValue(f)}`;
      o.push(`    ${camel(f.name)}: ${value},`);
    }
    o.push('  };');
    if (tagged.length === 0) {
      o.push('  if (flex) r.taggedFields(IGNORE_TAGS);');
    } else {
      o.push('  if (flex) {');
      o.push('    r.taggedFields((tag, field) => {');
      o.push('      switch (tag) {');
      for (const f of tagged) {
        const cond = condition(parseRange(f.taggedVersions), this.valid);
        const nullable = parseRange(f.nullableVersions) !== null;
        const expr = this.readExpr(f.type, nullable, 'true')
          .replace(/\br\./g, 'field.')
          .replace(/\(r, v\)/g, '(field, v)');
        o.push(`        case ${f.tag}: if (${cond}) o.${camel(f.name)} = ${expr}; break;`);
      }
      o.push('      }');
      o.push('    });');
      o.push('  }');
    }
    o.push('  return o;');
    o.push('}', '');

    // Encoder.
    o.push(`function write${name}(w: Writer, v: number, o: ${name}): void {`);
    o.push(`  const flex = ${flexCond};`);
    for (const f of fields) {
      if (parseRange(f.taggedVersions)) continue;
      const cond = condition(parseRange(f.versions), this.valid);
      if (cond === 'false') continue;
      const nullable = parseRange(f.nullableVersions) !== null;
      const stmt = this.writeStmt(f.type, `o.${camel(f.name)}`, nullable, this.flexExpr(f));
      o.push(cond === 'true' ? `  ${stmt};` : `  if (${cond}) { ${stmt}; }`);
    }
    if (tagged.length === 0) {
      o.push('  if (flex) w.uvarint(0);');
    } else {
      o.push('  if (flex) {');
      o.push('    const tags: [number, (t: Writer) => void][] = [];');
      for (const f of tagged) {
        const cond = condition(parseRange(f.taggedVersions), this.valid);
        const nullable = parseRange(f.nullableVersions) !== null;
        const value = `o.${camel(f.name)}`;
        const stmt = this.writeStmt(f.type, value, nullable, 'true', 't');
        o.push(`    if (${cond} && !(${this.isDefaultExpr(f, value)})) tags.push([${f.tag}, (t) => { ${stmt}; }]);`);
      }
      o.push('    w.uvarint(tags.length);');
      o.push('    for (const [tag, body] of tags) w.taggedField(tag, body);');
      o.push('  }');
    }
    o.push('}', '');
  }

  /** Test fixtures: a value for every field a version carries, defaults elsewhere. */
  generateSamples(sourceFile: string, moduleName: string): string {
    const s = this.spec;
    const lines: string[] = [
      `// Generated by scripts/gen-protocol.ts from Apache Kafka's ${sourceFile}. Do not edit.`,
      '// Sample messages for codec round-trip tests: every field present in a version gets a non-default value.',
      `import * as m from '../../../broker/protocol/messages/${moduleName}.ts';`,
      '',
    ];
    const value = (f: FieldSpec, i: number): string => {
      const one = (type: string): string => {
        switch (type) {
          case 'int8':
            return String(7 + (i % 50));
          case 'int16':
            return String(300 + i);
          case 'uint16':
            return String(40000 + i);
          case 'int32':
            return String(70000 + i);
          case 'int64':
            return `${2n ** 40n + BigInt(i)}n`;
          case 'float64':
            return '1.5';
          case 'bool':
            return 'true';
          case 'string':
            return JSON.stringify(`${camel(f.name)}-é${i}`);
          case 'bytes':
            return `Buffer.from([1, 2, ${i % 256}])`;
          case 'records':
            return `Buffer.from([9, 8, 7, 6, ${i % 256}])`;
          case 'uuid':
            return `Buffer.alloc(16, ${(i % 255) + 1})`;
          default:
            return `sample${type}(v)`;
        }
      };
      if (f.type.startsWith('[]')) {
        const item = one(f.type.slice(2));
        return `[${item}, ${item}]`;
      }
      return one(f.type);
    };
    const structs: [string, FieldSpec[]][] = [...this.structs, [s.name, s.fields]];
    for (const [name, fields] of structs) {
      lines.push(`export function sample${name}(v: number): m.${name} {`);
      lines.push(`  const o = m.default${name}();`);
      fields.forEach((f, i) => {
        const range = parseRange(f.taggedVersions) ?? parseRange(f.versions);
        const cond = condition(range, this.valid);
        if (cond === 'false') return;
        const stmt = `o.${camel(f.name)} = ${value(f, i)};`;
        lines.push(cond === 'true' ? `  ${stmt}` : `  if (${cond}) ${stmt}`);
      });
      lines.push('  return o;', '}', '');
    }
    return lines.join('\n');
  }

  generate(sourceFile: string): string {
    const s = this.spec;
    const o = this.out;
    o.push(`// Generated by scripts/gen-protocol.ts from Apache Kafka's ${sourceFile}. Do not edit.`);
    o.push(`// Valid versions ${s.validVersions}; flexible versions ${s.flexibleVersions}.`);
    o.push('/* eslint-disable */');
    o.push("import type { Reader } from '../reader.ts';");
    o.push("import type { Writer } from '../writer.ts';");
    o.push("import { EMPTY_BYTES, IGNORE_TAGS, ZERO_UUID } from '../constants.ts';");
    o.push('void EMPTY_BYTES;', 'void IGNORE_TAGS;', 'void ZERO_UUID;', '');
    o.push(`export const VALID_VERSIONS = { min: ${this.valid.min}, max: ${this.valid.max} } as const;`);
    o.push(`export const FIRST_FLEXIBLE_VERSION = ${this.flexible ? this.flexible.min : -1};`, '');
    for (const [name, fields] of this.structs) this.emitStruct(name, fields);
    this.emitStruct(s.name, s.fields);
    o.push(`export function decode${s.name}(r: Reader, version: number): ${s.name} {`);
    o.push(`  return read${s.name}(r, version);`);
    o.push('}', '');
    o.push(`export function encode${s.name}(w: Writer, version: number, message: ${s.name}): void {`);
    o.push(`  write${s.name}(w, version, message);`);
    o.push('}', '');
    return o.join('\n');
  }
}

function main(): void {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  rmSync(samplesDir, { recursive: true, force: true });
  mkdirSync(samplesDir, { recursive: true });
  const apis = new Map<number, { name: string; request?: string; response?: string; valid: string; flexible: string }>();
  for (const file of files) {
    const spec = JSON.parse(stripComments(readFileSync(join(schemaDir, file), 'utf8'))) as MessageSpec;
    const moduleName = kebab(spec.name);
    writeFileSync(join(outDir, `${moduleName}.ts`), new MessageGenerator(spec).generate(file));
    writeFileSync(join(samplesDir, `${moduleName}.ts`), new MessageGenerator(spec).generateSamples(file, moduleName));
    if (spec.apiKey !== undefined) {
      const api = spec.name.replace(/(Request|Response)$/, '');
      const entry = apis.get(spec.apiKey) ?? { name: api, valid: spec.validVersions, flexible: spec.flexibleVersions };
      entry[spec.type === 'request' ? 'request' : 'response'] = moduleName;
      apis.set(spec.apiKey, entry);
    }
  }
  const index: string[] = [
    '// Generated by scripts/gen-protocol.ts. Do not edit.',
    '// The API keys whose schemas are known, with their valid and flexible version ranges.',
    '',
    'export interface ApiSchemaInfo {',
    '  readonly name: string;',
    '  readonly minVersion: number;',
    '  readonly maxVersion: number;',
    '  /** First flexible version, or -1 when the API has none. */',
    '  readonly firstFlexibleVersion: number;',
    '}',
    '',
    'export const API_SCHEMAS: ReadonlyMap<number, ApiSchemaInfo> = new Map([',
  ];
  for (const [key, api] of [...apis].sort((a, b) => a[0] - b[0])) {
    const valid = parseRange(api.valid) as Range;
    const flex = parseRange(api.flexible);
    index.push(`  [${key}, { name: '${api.name}', minVersion: ${valid.min}, maxVersion: ${valid.max}, firstFlexibleVersion: ${flex ? flex.min : -1} }],`);
  }
  index.push(']);', '');
  writeFileSync(join(outDir, 'index.ts'), index.join('\n'));
  console.log(`generated ${files.length} message codecs into ${outDir}`);
}

main();
