'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { FORMATS } from '@/lib/messages/dto';
import { consoleConfigQuery } from '@/lib/queries/messages';
import { Select } from '../ui/input';

const LABELS: Record<string, string> = {
  auto: 'Auto',
  utf8: 'UTF-8',
  json: 'JSON',
  hex: 'Hex',
  base64: 'Base64',
  msgpack: 'MessagePack',
  avro: 'Avro',
  protobuf: 'Protobuf',
  registry: 'Schema registry',
};

/** The console settings of the cluster in the URL (registry, schema files). */
export function useConsoleConfig() {
  const cluster = useSearchParams().get('cluster') ?? undefined;
  return useQuery(consoleConfigQuery(cluster));
}

/**
 * Avro needs the cluster's schema registry or schema files, Protobuf descriptor sets, "Schema
 * registry" (Avro, Protobuf or JSON Schema by the record's schema id) a registry; each is offered
 * only when configured (or already chosen in the URL).
 */
export function FormatSelect({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const cfg = useConsoleConfig();
  const registry = Boolean(cfg.data?.schemaRegistry);
  const offered = FORMATS.filter(
    (f) =>
      f === value ||
      (f === 'avro'
        ? registry || Boolean(cfg.data?.avroSchemas.length)
        : f === 'protobuf'
          ? Boolean(cfg.data?.protobufTypes.length)
          : f === 'registry'
            ? registry
            : true),
  );
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

/** Which Avro schema decodes the topic: the registry (by the record's schema id) or a schema file. */
export function AvroSchemaSelect({ files, registry, value, onChange }: { files: string[]; registry: boolean; value: string; onChange: (v: string) => void }) {
  return (
    <Select aria-label="Avro schema" value={value} onChange={(e) => onChange(e.target.value)}>
      {registry ? <option value="">Schema registry (by schema id)</option> : <option value="">Choose a schema file</option>}
      {files.map((f) => (
        <option key={f} value={f}>
          {f}.avsc
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
