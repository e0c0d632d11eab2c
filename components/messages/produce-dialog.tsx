'use client';

import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { consoleConfigQuery } from '@/lib/queries/messages';
import { assemble, type FormField } from '@/lib/schemas/form-fields';
import type { SchemaVersionDto } from '@/lib/schemas/dto';
import { useProduce } from '@/lib/queries/messages';
import type { ProduceFormat } from '@/lib/messages/params';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';
import { SchemaFields, SubjectSelect } from './schema-fields';

const FORMATS: { id: ProduceFormat; label: string }[] = [
  { id: 'utf8', label: 'UTF-8 text' },
  { id: 'json', label: 'JSON' },
  { id: 'base64', label: 'Base64' },
  { id: 'hex', label: 'Hex' },
  { id: 'msgpack', label: 'MessagePack (from JSON)' },
];

/**
 * Produce one record. An empty partition uses Kafka's default partitioner (murmur2 of the key).
 * With a value schema (a registry subject), the value is a form generated from the schema, checked
 * here and again on the server, and written in Confluent's wire format.
 */
export function ProduceDialog({
  topic,
  cluster,
  partitionCount,
  open,
  onClose,
}: {
  topic: string;
  cluster?: string;
  partitionCount: number;
  open: boolean;
  onClose: () => void;
}) {
  const [partition, setPartition] = useState('');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [keyFormat, setKeyFormat] = useState<ProduceFormat>('utf8');
  const [valueFormat, setValueFormat] = useState<ProduceFormat>('utf8');
  const [headers, setHeaders] = useState('');
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const schema = useRef<{ version: SchemaVersionDto; fields: FormField[] } | null>(null);
  const cfg = useQuery(consoleConfigQuery(cluster));
  const produce = useProduce(cluster, topic);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let body = value;
    if (subject) {
      const s = schema.current;
      if (!s) return;
      const built = assemble(s.version.schemaType, s.fields, inputs);
      setFormErrors(built.errors);
      if (built.json === undefined) return;
      body = built.json;
    }
    const hs = headers
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const i = l.indexOf(':');
        return i < 0 ? { key: l, value: '' } : { key: l.slice(0, i).trim(), value: l.slice(i + 1).trim() };
      });
    produce.mutate({
      partition: partition === '' ? null : Number(partition),
      key: key === '' ? null : key,
      value: body,
      keyFormat,
      valueFormat,
      headers: hs,
      ...(subject
        ? { valueSchema: { subject, ...(schema.current ? { version: schema.current.version.version } : {}), ...(message ? { messageType: message } : {}) } }
        : {}),
    });
  };
  return (
    <Dialog open={open} onClose={onClose} title={`Produce to ${topic}`} wide>
      <form onSubmit={submit} className="space-y-3">
        <div className="grid grid-cols-3 gap-3">
          <Field label="Partition">
            <Select aria-label="Produce partition" value={partition} onChange={(e) => setPartition(e.target.value)}>
              <option value="">Default partitioner</option>
              {Array.from({ length: partitionCount }, (_, i) => (
                <option key={i} value={String(i)}>
                  {i}
                </option>
              ))}
            </Select>
          </Field>
          <FormatField label="Key format" value={keyFormat} onChange={setKeyFormat} />
          {subject ? <div /> : <FormatField label="Value format" value={valueFormat} onChange={setValueFormat} />}
        </div>
        {cfg.data?.schemaRegistry && (
          <SubjectSelect
            cluster={cluster}
            topic={topic}
            value={subject}
            onChange={(v) => {
              setSubject(v);
              setMessage('');
              setInputs({});
              setFormErrors([]);
              schema.current = null;
            }}
          />
        )}
        <Field label="Key" hint="Empty = null key">
          <Input aria-label="Produce key" value={key} onChange={(e) => setKey(e.target.value)} />
        </Field>
        {subject ? (
          <SchemaFields
            cluster={cluster}
            subject={subject}
            message={message}
            onMessage={setMessage}
            inputs={inputs}
            onInputs={setInputs}
            onSchema={(version, fields) => (schema.current = { version, fields })}
          />
        ) : (
          <Field label="Value">
            <textarea
              aria-label="Produce value"
              className="h-32 w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </Field>
        )}
        {formErrors.length > 0 && (
          <ul role="alert" className="list-disc pl-5 text-sm text-red-700 dark:text-red-400">
            {formErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
        <Field label="Headers" hint="One per line: name: value">
          <textarea
            aria-label="Produce headers"
            className="h-16 w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
            value={headers}
            onChange={(e) => setHeaders(e.target.value)}
          />
        </Field>
        {produce.isError && <ErrorPanel error={produce.error} />}
        {produce.data && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Written to partition {produce.data.partition} at offset {produce.data.offset}.
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="primary" disabled={produce.isPending}>
            Produce
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function FormatField({ label, value, onChange }: { label: string; value: ProduceFormat; onChange: (f: ProduceFormat) => void }) {
  return (
    <Field label={label}>
      <Select aria-label={`Produce ${label.toLowerCase()}`} value={value} onChange={(e) => onChange(e.target.value as ProduceFormat)}>
        {FORMATS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
