import { readOnly } from '@/lib/server/read-only';
import { route } from '@/lib/server/route';
import { protobufTypes } from '@/lib/server/messages/protobuf';
import { schemaRegistryUrl } from '@/lib/server/messages/schema-registry';
import type { ConsoleConfigDto } from '@/lib/messages/dto';

export const dynamic = 'force-dynamic';

/** What the message browser may offer: produce (off in read-only mode), Avro, Protobuf types. */
export const GET = route(async (): Promise<ConsoleConfigDto> => ({
  readOnly: readOnly(),
  schemaRegistry: schemaRegistryUrl(),
  protobufTypes: protobufTypes(),
}));
