'use client';

import { useState, type FormEvent } from 'react';
import type { PartitionRangeDto } from '@/lib/messages/dto';
import { timeQueryValue, urlTimeToInput } from '@/lib/time-zone';
import { useTimeZone } from '../layout/time-zone';
import { Button } from '../ui/button';
import { Field, Input, Select } from '../ui/input';
import { AvroSchemaSelect, FormatSelect, ProtoTypeSelect, useConsoleConfig } from './format-select';

export type BrowseParams = Record<string, string | undefined>;

type Mode = 'offset' | 'timestamp' | 'oldest' | 'newest';

function modeOf(p: BrowseParams): Mode {
  if (p.timestamp) return 'timestamp';
  if (p.offset === 'oldest' || p.offset === 'newest') return p.offset;
  return p.offset ? 'offset' : p.partition === 'all' ? 'newest' : 'oldest';
}

/** Where to read: partition (or all), start (offset, time, oldest, newest N), count, formats. */
export function BrowseForm({
  params,
  partitions,
  onSubmit,
}: {
  params: BrowseParams;
  partitions: PartitionRangeDto[] | number;
  onSubmit: (p: BrowseParams) => void;
}) {
  const cfg = useConsoleConfig();
  const [partition, setPartition] = useState(params.partition ?? '0');
  const [mode, setMode] = useState<Mode>(modeOf(params));
  const [offset, setOffset] = useState(/^\d+$/.test(params.offset ?? '') ? params.offset! : '0');
  const zone = useTimeZone();
  const [time, setTime] = useState(urlTimeToInput(params.timestamp));
  const [count, setCount] = useState(params.count ?? '100');
  const [format, setFormat] = useState(params.format ?? 'auto');
  const [keyFormat, setKeyFormat] = useState(params.keyFormat ?? 'auto');
  const [protoType, setProtoType] = useState(params.protoType ?? '');
  const [avroSchema, setAvroSchema] = useState(params.avroSchema ?? '');
  const listed = typeof partitions === 'number' ? Array.from({ length: partitions }, (_, i) => i) : partitions.map((p) => p.partition);
  // The partition in the URL stays selectable while the topic's partition count is loading.
  const ids = /^\d+$/.test(partition) && !listed.includes(Number(partition)) ? [...listed, Number(partition)] : listed;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const all = partition === 'all';
    const m = all && mode === 'offset' ? 'newest' : mode;
    onSubmit({
      partition,
      offset: m === 'offset' ? offset : m === 'oldest' || m === 'newest' ? m : undefined,
      timestamp: m === 'timestamp' ? timeQueryValue(time, zone) : undefined,
      count,
      format,
      keyFormat,
      protoType: format === 'protobuf' ? protoType : undefined,
      avroSchema: format === 'avro' && avroSchema ? avroSchema : undefined,
    });
  };

  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-8" aria-label="Browse messages">
      <Field label="Partition">
        <Select aria-label="Partition" value={partition} onChange={(e) => setPartition(e.target.value)}>
          {ids.map((p) => (
            <option key={p} value={String(p)}>
              {p}
            </option>
          ))}
          <option value="all">All (by time)</option>
        </Select>
      </Field>
      <Field label="Start at">
        <Select aria-label="Start at" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
          {partition !== 'all' && <option value="offset">Offset</option>}
          <option value="timestamp">Time</option>
          <option value="oldest">Oldest</option>
          <option value="newest">Newest N</option>
        </Select>
      </Field>
      {mode === 'offset' && partition !== 'all' && (
        <Field label="Offset">
          <Input aria-label="Offset" inputMode="numeric" value={offset} onChange={(e) => setOffset(e.target.value)} />
        </Field>
      )}
      {mode === 'timestamp' && (
        <Field label={`Time (${zone === 'utc' ? 'UTC' : 'local'})`} hint="ISO date or ms">
          <Input aria-label="Time" placeholder="2024-05-01T12:00:00" value={time} onChange={(e) => setTime(e.target.value)} />
        </Field>
      )}
      <Field label="Count">
        <Input aria-label="Count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
      </Field>
      <Field label="Key format">
        <FormatSelect label="Key format" value={keyFormat} onChange={setKeyFormat} />
      </Field>
      <Field label="Value format">
        <FormatSelect label="Value format" value={format} onChange={setFormat} />
      </Field>
      {format === 'protobuf' && (
        // Full message names are long: two columns so the picker is not cut off.
        <div className="col-span-2">
          <Field label="Protobuf type">
            <ProtoTypeSelect label="Protobuf type" types={cfg.data?.protobufTypes ?? []} value={protoType} onChange={setProtoType} />
          </Field>
        </div>
      )}
      {format === 'avro' && (cfg.data?.avroSchemas.length ?? 0) > 0 && (
        <div className="col-span-2">
          <Field label="Avro schema">
            <AvroSchemaSelect files={cfg.data?.avroSchemas ?? []} registry={Boolean(cfg.data?.schemaRegistry)} value={avroSchema} onChange={setAvroSchema} />
          </Field>
        </div>
      )}
      <div className="flex items-end">
        <Button type="submit" variant="primary">
          View
        </Button>
      </div>
    </form>
  );
}
