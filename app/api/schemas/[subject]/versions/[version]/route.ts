import { ApiError } from '@/lib/api-error';
import { parse, route } from '@/lib/server/route';
import { deleteSubject, schemaVersion } from '@/lib/server/schema-registry/subjects';
import { subjectSchema, versionParamSchema } from '@/lib/schemas/dto';
import { permanentParam } from '@/lib/server/schema-registry/params';

export const dynamic = 'force-dynamic';

export const GET = route<{ subject: string; version: string }>(async ({ params, cluster }) =>
  schemaVersion(cluster, parse(subjectSchema, params.subject), parse(versionParamSchema, params.version)),
);

/** Soft delete of one version; `?permanent=true` deletes it for good. */
export const DELETE = route<{ subject: string; version: string }>(async ({ req, params, cluster }) => {
  const version = parse(versionParamSchema, params.version);
  if (version === 'latest') throw new ApiError('bad_request', 'Name the version to delete by its number, not "latest"');
  return deleteSubject(cluster, parse(subjectSchema, params.subject), permanentParam(req.nextUrl.searchParams), version);
});
