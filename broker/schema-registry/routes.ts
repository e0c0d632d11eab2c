/**
 * Confluent Schema Registry's REST resources mapped onto the registry's operations. Each route
 * is a method, a path pattern (`:name` segments are URL-decoded parameters) and a handler that
 * returns the JSON body, or a string for the raw `/schema` endpoints.
 */
import type { Registry } from './registry.ts';
import { versionBody } from './registry.ts';
import { SCHEMA_TYPES, type SchemaValue } from './schema-records.ts';
import { serializedProto } from './protobuf-provider.ts';
import { SchemaParser } from './schema-parsing.ts';
import { RegistryError } from './errors.ts';
import type { SchemasTopic } from './schemas-topic.ts';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handle(req: RouteRequest): unknown;
}

const flag = (q: URLSearchParams, name: string): boolean => q.get(name)?.toLowerCase() === 'true';

function schemaId(raw: string): number {
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new RegistryError(404, 40403, `Schema ${raw} not found`);
  return id;
}

export function buildRoutes(registry: Registry, topic: SchemasTopic): Route[] {
  const refsParser = new SchemaParser();
  /** `?format=serialized` gives Protobuf schemas as base64 FileDescriptorProtos (confluent-kafka asks for it). */
  const formatted = (v: SchemaValue, format: string | null): string => {
    if (format !== 'serialized' || v.schemaType !== 'PROTOBUF') return v.schema;
    return serializedProto(v.schema, refsParser.resolve(topic.catchUp(), v.references));
  };
  const schemaBody = (v: SchemaValue, format: string | null): Record<string, unknown> => ({
    ...(v.schemaType === 'AVRO' ? {} : { schemaType: v.schemaType }),
    ...(v.references.length > 0 ? { references: v.references } : {}),
    schema: formatted(v, format),
  });
  const compat = (subject: string, version: string | null, req: RouteRequest): unknown => {
    const result = registry.testCompatibility(subject, version, req.body, flag(req.query, 'normalize'));
    return flag(req.query, 'verbose') ? { is_compatible: result.compatible, messages: result.messages } : { is_compatible: result.compatible };
  };
  const subjectOrNull = (p: Record<string, string>): string | null => p.subject ?? null;

  return [
    { method: 'GET', path: '/', handle: () => ({}) },
    { method: 'GET', path: '/schemas/types', handle: () => [...SCHEMA_TYPES] },
    {
      method: 'GET',
      path: '/subjects',
      handle: ({ query }) => {
        const all = registry.subjects(flag(query, 'deleted') || flag(query, 'deletedOnly'), query.get('subjectPrefix') ?? '');
        if (!flag(query, 'deletedOnly')) return all;
        const live = new Set(registry.subjects(false));
        return all.filter((s) => !live.has(s));
      },
    },
    {
      method: 'POST',
      path: '/subjects/:subject',
      handle: ({ params, query, body }) => registry.lookup(params.subject!, body, flag(query, 'normalize'), flag(query, 'deleted')),
    },
    { method: 'DELETE', path: '/subjects/:subject', handle: ({ params, query }) => registry.deleteSubject(params.subject!, flag(query, 'permanent')) },
    { method: 'GET', path: '/subjects/:subject/versions', handle: ({ params, query }) => registry.versions(params.subject!, flag(query, 'deleted')) },
    {
      method: 'POST',
      path: '/subjects/:subject/versions',
      handle: ({ params, query, body }) => registry.register(params.subject!, body, flag(query, 'normalize')),
    },
    {
      method: 'GET',
      path: '/subjects/:subject/versions/:version',
      handle: ({ params, query }) => {
        const v = registry.version(params.subject!, params.version!, flag(query, 'deleted'));
        return { ...versionBody(v), schema: formatted(v, query.get('format')) };
      },
    },
    {
      method: 'GET',
      path: '/subjects/:subject/versions/:version/schema',
      handle: ({ params, query }) => formatted(registry.version(params.subject!, params.version!, flag(query, 'deleted')), query.get('format')),
    },
    {
      method: 'GET',
      path: '/subjects/:subject/versions/:version/referencedby',
      handle: ({ params }) => registry.referencedBy(params.subject!, params.version!),
    },
    {
      method: 'DELETE',
      path: '/subjects/:subject/versions/:version',
      handle: ({ params, query }) => registry.deleteVersion(params.subject!, params.version!, flag(query, 'permanent')),
    },
    {
      method: 'GET',
      path: '/schemas/ids/:id',
      handle: ({ params, query }) => schemaBody(registry.schemaById(schemaId(params.id!), query.get('subject')), query.get('format')),
    },
    {
      method: 'GET',
      path: '/schemas/ids/:id/schema',
      handle: ({ params, query }) => formatted(registry.schemaById(schemaId(params.id!), query.get('subject')), query.get('format')),
    },
    { method: 'GET', path: '/schemas/ids/:id/versions', handle: ({ params, query }) => registry.idVersions(schemaId(params.id!), flag(query, 'deleted')) },
    { method: 'GET', path: '/schemas/ids/:id/subjects', handle: ({ params, query }) => registry.idSubjects(schemaId(params.id!), flag(query, 'deleted')) },
    {
      method: 'GET',
      path: '/schemas',
      handle: ({ query }) => {
        const deleted = flag(query, 'deleted');
        return registry.subjects(deleted, query.get('subjectPrefix') ?? '').flatMap((s) => {
          const versions = registry.versions(s, deleted).map((v) => versionBody(registry.version(s, String(v), deleted)));
          return flag(query, 'latestOnly') ? versions.slice(-1) : versions;
        });
      },
    },
    { method: 'GET', path: '/config', handle: () => registry.getConfig(null, true) },
    { method: 'PUT', path: '/config', handle: ({ body }) => registry.setConfig(null, body) },
    { method: 'DELETE', path: '/config', handle: () => registry.deleteConfig(null) },
    { method: 'GET', path: '/config/:subject', handle: ({ params, query }) => registry.getConfig(subjectOrNull(params), flag(query, 'defaultToGlobal')) },
    { method: 'PUT', path: '/config/:subject', handle: ({ params, body }) => registry.setConfig(subjectOrNull(params), body) },
    { method: 'DELETE', path: '/config/:subject', handle: ({ params }) => registry.deleteConfig(subjectOrNull(params)) },
    { method: 'GET', path: '/mode', handle: () => registry.getMode(null, true) },
    { method: 'PUT', path: '/mode', handle: ({ body, query }) => registry.setMode(null, body, flag(query, 'force')) },
    { method: 'DELETE', path: '/mode', handle: () => registry.deleteMode(null) },
    { method: 'GET', path: '/mode/:subject', handle: ({ params, query }) => registry.getMode(subjectOrNull(params), flag(query, 'defaultToGlobal')) },
    { method: 'PUT', path: '/mode/:subject', handle: ({ params, body, query }) => registry.setMode(subjectOrNull(params), body, flag(query, 'force')) },
    { method: 'DELETE', path: '/mode/:subject', handle: ({ params }) => registry.deleteMode(subjectOrNull(params)) },
    { method: 'POST', path: '/compatibility/subjects/:subject/versions', handle: (req) => compat(req.params.subject!, null, req) },
    { method: 'POST', path: '/compatibility/subjects/:subject/versions/:version', handle: (req) => compat(req.params.subject!, req.params.version!, req) },
  ];
}

/** Finds the route for a path: the params when a pattern matches, and whether any pattern matched at all (405 vs 404). */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | 'method-not-allowed' | null {
  const clean = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const segments = clean.split('/').slice(1);
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/').slice(1);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i]!;
      const s = segments[i]!;
      if (p.startsWith(':')) {
        if (s === '') ok = false;
        else {
          try {
            params[p.slice(1)] = decodeURIComponent(s);
          } catch {
            ok = false;
          }
        }
      } else ok = p === s;
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : null;
}
