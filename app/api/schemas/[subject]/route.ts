import { parse, route } from '@/lib/server/route';
import { deleteSubject, subjectDetail } from '@/lib/server/schema-registry/subjects';
import { subjectSchema } from '@/lib/schemas/dto';
import { permanentParam } from '@/lib/server/schema-registry/params';

export const dynamic = 'force-dynamic';

export const GET = route<{ subject: string }>(async ({ params, cluster }) => subjectDetail(cluster, parse(subjectSchema, params.subject)));

/** Soft delete; `?permanent=true` deletes for good. */
export const DELETE = route<{ subject: string }>(async ({ req, params, cluster }) =>
  deleteSubject(cluster, parse(subjectSchema, params.subject), permanentParam(req.nextUrl.searchParams)),
);
