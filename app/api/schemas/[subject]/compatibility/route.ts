import { jsonBody, parse, route } from '@/lib/server/route';
import { checkCompatibility } from '@/lib/server/schema-registry/subjects';
import { schemaInputSchema, subjectSchema } from '@/lib/schemas/dto';

export const dynamic = 'force-dynamic';

/** Would this schema be accepted as the subject's next version? Changes nothing. */
export const POST = route<{ subject: string }>(async ({ req, params, cluster }) =>
  checkCompatibility(cluster, parse(subjectSchema, params.subject), parse(schemaInputSchema, await jsonBody(req))),
);
