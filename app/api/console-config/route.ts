import { readOnly } from '@/lib/server/read-only';
import { route } from '@/lib/server/route';
import { clusterRegistry } from '@/lib/server/clusters';
import { avroSchemaNames } from '@/lib/server/messages/avro-files';
import { protobufTypes } from '@/lib/server/messages/protobuf';
import type { ConsoleConfigDto } from '@/lib/messages/dto';

export const dynamic = 'force-dynamic';

/** What the message browser may offer on this cluster: produce (off in read-only mode), the registry, schema files. */
export const GET = route(async ({ cluster }): Promise<ConsoleConfigDto> => ({
  readOnly: readOnly(),
  schemaRegistry: clusterRegistry(cluster)?.url ?? null,
  protobufTypes: protobufTypes(),
  avroSchemas: avroSchemaNames(),
}));
