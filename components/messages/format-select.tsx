'use client';

import { useQuery } from '@tanstack/react-query';
import { FORMATS } from '@/lib/messages/dto';
import { consoleConfigQuery } from '@/lib/queries/messages';
import { Select } from '../ui/input';

const LABELS: Record<string, string> = { auto: 'Auto', utf8: 'UTF-8', json: 'JSON', hex: 'Hex', base64: 'Base64', msgpack: 'MessagePack', avro: 'Avro', protobuf: 'Protobuf' };

/** Avro needs a schema registry and Protobuf descriptor sets; each is offered only when configured (or already chosen in the URL). */
export function FormatSelect({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const cfg = useQuery(consoleConfigQuery());
  const offered = FORMATS.filter((f) => f === value || (f === 'avro' ? Boolean(cfg.data?.schemaRegistry) : f === 'protobuf' ? Boolean(cfg.data?.protobufTypes.length) : true));
  return (
    <Select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {offered.map((f) => (
        <option key={f} value={f}>
          {LABELS[f]}
        </option>
      ))}
    </Select>
  );
}

export function ProtoTypeSelect({ types, value, onChange, label }: { types: string[]; value: string; onChange: (v: string) => void; label: string }) {
  return (
    <Select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{types.length ? 'Choose a message type' : 'No descriptor sets configured'}</option>
      {types.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </Select>
  );
}
