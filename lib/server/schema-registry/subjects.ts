import 'server-only';
import type { ClusterRef } from '../../dto';
import type {
  CompatibilityDto,
  DeleteResultDto,
  RegisterResultDto,
  SchemaInput,
  SchemaType,
  SchemaVersionDto,
  SubjectDetailDto,
  SubjectListDto,
  SubjectSummaryDto,
} from '../../schemas/dto';
import { assertWritable } from '../read-only';
import { RegistryError, registryFor, registryRequest, seg } from './client';
import type { RegistrySettings } from './config';

/** Subjects and versions of a cluster's registry, reshaped for the Schema Registry pages. */
interface WireVersion {
  subject: string;
  version: number;
  id: number;
  schemaType?: SchemaType;
  schema: string;
  references?: { name: string; subject: string; version: number }[];
}

function reshape(v: WireVersion): SchemaVersionDto {
  // Confluent leaves schemaType out for Avro.
  return { subject: v.subject, version: v.version, id: v.id, schemaType: v.schemaType ?? 'AVRO', schema: v.schema, references: v.references ?? [] };
}

async function compatibilityOf(r: RegistrySettings, subject: string): Promise<string | null> {
  try {
    const c = await registryRequest<{ compatibilityLevel?: string; compatibility?: string }>(r, 'GET', `/config/${seg(subject)}?defaultToGlobal=true`);
    return c.compatibilityLevel ?? c.compatibility ?? null;
  } catch (e) {
    // Registries without a subject-level setting answer 404 (40408): use the global one.
    if (e instanceof RegistryError && e.status === 404) {
      const g = await registryRequest<{ compatibilityLevel?: string }>(r, 'GET', '/config').catch(() => null);
      return g?.compatibilityLevel ?? null;
    }
    throw e;
  }
}

/** Runs `fn` over `items`, at most `n` at a time, keeping the order. */
async function mapLimited<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export async function listSubjects(cluster: ClusterRef): Promise<SubjectListDto> {
  const r = registryFor(cluster);
  const names = (await registryRequest<string[]>(r, 'GET', '/subjects')).sort();
  const rows = await mapLimited(names, 8, async (subject): Promise<SubjectSummaryDto | null> => {
    try {
      const [latest, compatibility] = await Promise.all([
        registryRequest<WireVersion>(r, 'GET', `/subjects/${seg(subject)}/versions/latest`),
        compatibilityOf(r, subject),
      ]);
      return { subject, schemaType: latest.schemaType ?? 'AVRO', latestVersion: latest.version, latestId: latest.id, compatibility };
    } catch (e) {
      // Deleted between the list and this look-up.
      if (e instanceof RegistryError && e.status === 404) return null;
      throw e;
    }
  });
  return { registry: r.url, subjects: rows.filter((x): x is SubjectSummaryDto => x !== null) };
}

export async function subjectDetail(cluster: ClusterRef, subject: string): Promise<SubjectDetailDto> {
  const r = registryFor(cluster);
  const [versions, latest, compatibility] = await Promise.all([
    registryRequest<number[]>(r, 'GET', `/subjects/${seg(subject)}/versions`),
    registryRequest<WireVersion>(r, 'GET', `/subjects/${seg(subject)}/versions/latest`),
    compatibilityOf(r, subject),
  ]);
  return { subject, compatibility, versions: versions.sort((a, b) => a - b), latest: reshape(latest) };
}

export async function schemaVersion(cluster: ClusterRef, subject: string, version: number | 'latest'): Promise<SchemaVersionDto> {
  return reshape(await registryRequest<WireVersion>(registryFor(cluster), 'GET', `/subjects/${seg(subject)}/versions/${seg(version)}`));
}

function body(input: SchemaInput) {
  // Confluent expects schemaType to be absent or AVRO for Avro; sending it is accepted too.
  return { schema: input.schema, schemaType: input.schemaType ?? 'AVRO', references: input.references ?? [] };
}

export async function checkCompatibility(cluster: ClusterRef, subject: string, input: SchemaInput): Promise<CompatibilityDto> {
  const r = registryFor(cluster);
  // Registries answer a subject without versions either with 40401/40402 or with "compatible":
  // whether it has versions is asked separately, so the page can say "first version".
  const isNew = (e: unknown) => e instanceof RegistryError && (e.registryCode === 40401 || e.registryCode === 40402);
  const [versions, res] = await Promise.all([
    registryRequest<number[]>(r, 'GET', `/subjects/${seg(subject)}/versions`).catch((e: unknown) => (isNew(e) ? [] : Promise.reject(e))),
    registryRequest<{ is_compatible: boolean; messages?: string[] }>(
      r,
      'POST',
      `/compatibility/subjects/${seg(subject)}/versions/latest?verbose=true`,
      body(input),
    ).catch((e: unknown) => (isNew(e) ? null : Promise.reject(e))),
  ]);
  if (versions.length === 0 || res === null) return { compatible: true, messages: [], newSubject: true };
  return { compatible: res.is_compatible, messages: res.messages ?? [], newSubject: false };
}

export async function registerSchema(cluster: ClusterRef, subject: string, input: SchemaInput): Promise<RegisterResultDto> {
  assertWritable('Registering schemas');
  const r = registryFor(cluster);
  const { id } = await registryRequest<{ id: number }>(r, 'POST', `/subjects/${seg(subject)}/versions`, body(input));
  // The registry answers only the id; the version it got is asked for by the same schema.
  const found = await registryRequest<{ version?: number }>(r, 'POST', `/subjects/${seg(subject)}`, body(input)).catch(() => null);
  return { subject, id, version: found?.version ?? null };
}

/**
 * Soft delete hides the subject (or version) but keeps it readable by id; permanent (hard) delete
 * removes it, and the registry allows that only after a soft delete, so both are sent.
 */
export async function deleteSubject(cluster: ClusterRef, subject: string, permanent: boolean, version?: number): Promise<DeleteResultDto> {
  assertWritable('Deleting schemas');
  const r = registryFor(cluster);
  const path = version === undefined ? `/subjects/${seg(subject)}` : `/subjects/${seg(subject)}/versions/${version}`;
  let soft: number | number[] | null = null;
  try {
    soft = await registryRequest<number | number[]>(r, 'DELETE', path);
  } catch (e) {
    // 40404 / 40406: already soft-deleted, which is what a permanent delete needs.
    if (!(permanent && e instanceof RegistryError && (e.registryCode === 40404 || e.registryCode === 40406))) throw e;
  }
  const hard = permanent ? await registryRequest<number | number[]>(r, 'DELETE', `${path}?permanent=true`) : soft;
  const versions = hard === null ? [] : Array.isArray(hard) ? hard : [hard];
  return { subject, permanent, versions };
}
