import { assertWritable } from '@/lib/server/read-only';
import { createAcl, deleteAcl, listAcls } from '@/lib/server/kafka/acls';
import { jsonBody, parse, route } from '@/lib/server/route';
import { aclSchema } from '@/lib/validation';
import { ApiError } from '@/lib/api-error';

export const dynamic = 'force-dynamic';

/** `?principal=` and `?resource=` narrow the list (case-insensitive substrings). */
export const GET = route(async ({ req, cluster }) => {
  const q = req.nextUrl.searchParams;
  return listAcls(cluster, { principal: q.get('principal') ?? undefined, resource: q.get('resource') ?? undefined });
});

export const POST = route(async ({ req, cluster }) => {
  assertWritable('Creating ACLs');
  const acl = parse(aclSchema, await jsonBody(req));
  await createAcl(cluster, acl);
  return { created: acl };
}, 201);

/** Deletes exactly the binding in the body. */
export const DELETE = route(async ({ req, cluster }) => {
  assertWritable('Deleting ACLs');
  const acl = parse(aclSchema, await jsonBody(req));
  const deleted = await deleteAcl(cluster, acl);
  if (deleted === 0) throw new ApiError('not_found', 'No such ACL on this cluster');
  return { deleted };
});
