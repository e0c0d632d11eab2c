import { jsonBody, parse, route } from '@/lib/server/route';
import { registerSchema } from '@/lib/server/schema-registry/subjects';
import { schemaInputSchema, subjectSchema } from '@/lib/schemas/dto';

export const dynamic = 'force-dynamic';

/** Registers a new version (or a new subject); the registry enforces the compatibility level. */
export const POST = route<{ subject: string }>(async ({ req, params, cluster }) => {
  const subject = parse(subjectSchema, params.subject);
  return registerSchema(cluster, subject, parse(schemaInputSchema, await jsonBody(req)));
});
