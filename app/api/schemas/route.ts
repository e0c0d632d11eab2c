import { route } from '@/lib/server/route';
import { listSubjects } from '@/lib/server/schema-registry/subjects';

export const dynamic = 'force-dynamic';

/** Subjects of the cluster's schema registry: type, latest version and compatibility level. */
export const GET = route(async ({ cluster }) => listSubjects(cluster));
