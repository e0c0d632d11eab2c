import type { SchemaType } from '@/lib/schemas/dto';

/** Avro and JSON schemas are JSON: indented, two versions line up field by field in the diff. */
export function prettySchema(schema: string, type: SchemaType): string {
  if (type === 'PROTOBUF') return schema;
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    return schema;
  }
}
