import { z } from 'zod';

/** Wire shapes and inputs of the Schema Registry pages (/api/schemas/...). */
export const SCHEMA_TYPES = ['AVRO', 'PROTOBUF', 'JSON'] as const;
export type SchemaType = (typeof SCHEMA_TYPES)[number];

export const COMPATIBILITY_LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;

export interface SchemaReferenceDto {
  name: string;
  subject: string;
  version: number;
}

export interface SubjectSummaryDto {
  subject: string;
  schemaType: SchemaType;
  latestVersion: number;
  latestId: number;
  /** the subject's own level, or the registry's global one */
  compatibility: string | null;
}

export interface SubjectListDto {
  registry: string;
  subjects: SubjectSummaryDto[];
}

export interface SchemaVersionDto {
  subject: string;
  version: number;
  id: number;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReferenceDto[];
}

export interface SubjectDetailDto {
  subject: string;
  compatibility: string | null;
  versions: number[];
  latest: SchemaVersionDto;
}

export interface CompatibilityDto {
  compatible: boolean;
  /** the registry's reasons when it is not (Confluent's verbose answer) */
  messages: string[];
  /** the subject has no versions yet: anything may be registered */
  newSubject: boolean;
}

export interface RegisterResultDto {
  subject: string;
  id: number;
  version: number | null;
}

export interface DeleteResultDto {
  subject: string;
  permanent: boolean;
  versions: number[];
}

/** Confluent allows any subject name; the console refuses only what no registry could store. */
export const subjectSchema = z
  .string()
  .min(1, 'Subject cannot be empty')
  .max(255, 'Subject is longer than 255 characters')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'Subject cannot contain control characters');

export const versionParamSchema = z
  .string()
  .trim()
  .refine((v) => v === 'latest' || /^\d{1,9}$/.test(v), 'Version must be a whole number ≥ 1 or "latest"')
  .transform((v) => (v === 'latest' ? ('latest' as const) : Number(v)))
  .refine((v) => v === 'latest' || v >= 1, 'Version must be a whole number ≥ 1 or "latest"');

export const schemaInputSchema = z.object({
  schema: z.string().trim().min(1, 'Schema cannot be empty').max(1_000_000, 'Schema is larger than 1 MB'),
  schemaType: z.enum(SCHEMA_TYPES, { message: `schemaType must be one of: ${SCHEMA_TYPES.join(', ')}` }).default('AVRO'),
  references: z
    .array(z.object({ name: z.string().min(1), subject: subjectSchema, version: z.number().int().min(1) }))
    .max(100)
    .default([]),
});
export type SchemaInput = z.input<typeof schemaInputSchema>;
