'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formFields, protoMessages, type FormField } from '@/lib/schemas/form-fields';
import { subjectQuery, subjectsQuery } from '@/lib/queries/schemas';
import type { SchemaVersionDto } from '@/lib/schemas/dto';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';

/** Which registry subject the value is written with; "" = none (the plain formats). */
export function SubjectSelect({ cluster, topic, value, onChange }: { cluster?: string; topic: string; value: string; onChange: (v: string) => void }) {
  const q = useQuery(subjectsQuery(cluster));
  const subjects = q.data?.subjects ?? [];
  // The topic's own subject (TopicNameStrategy) first.
  const ordered = [...subjects].sort((a, b) => Number(b.subject === `${topic}-value`) - Number(a.subject === `${topic}-value`));
  return (
    <Field label="Value schema" hint={q.isError ? 'registry unavailable' : undefined}>
      <Select aria-label="Value schema" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">None</option>
        {ordered.map((s) => (
          <option key={s.subject} value={s.subject}>
            {s.subject} (v{s.latestVersion}, {s.schemaType})
          </option>
        ))}
      </Select>
    </Field>
  );
}

function FieldInput({ f, value, onChange }: { f: FormField; value: string; onChange: (v: string) => void }) {
  const label = f.name || 'Value';
  if (f.kind === 'boolean' || f.kind === 'enum') {
    const options = f.kind === 'boolean' ? ['true', 'false'] : (f.symbols ?? []);
    return (
      <Select aria-label={`Field ${label}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{f.optional ? '(empty)' : 'Choose…'}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      aria-label={`Field ${label}`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      inputMode={f.kind === 'int' || f.kind === 'long' || f.kind === 'float' ? 'numeric' : undefined}
      className="font-mono"
      placeholder={f.kind === 'json' ? 'JSON' : undefined}
    />
  );
}

/** The latest schema of a subject as typed inputs, one per field. */
export function SchemaFields({
  cluster,
  subject,
  message,
  onMessage,
  inputs,
  onInputs,
  onSchema,
}: {
  cluster?: string;
  subject: string;
  message: string;
  onMessage: (m: string) => void;
  inputs: Record<string, string>;
  onInputs: (i: Record<string, string>) => void;
  onSchema: (s: SchemaVersionDto, fields: FormField[]) => void;
}) {
  const q = useQuery(subjectQuery(cluster, subject));
  const latest = q.data?.latest;
  const messages = useMemo(() => (latest?.schemaType === 'PROTOBUF' ? protoMessages(latest.schema) : []), [latest]);
  const parsed = useMemo(() => {
    if (!latest) return null;
    try {
      const fields = formFields(latest.schemaType, latest.schema, message || undefined);
      onSchema(latest, fields);
      return { fields };
    } catch (e) {
      return { error: e };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latest, message]);
  if (q.isError) return <ErrorPanel error={q.error} />;
  if (!latest || !parsed) return <p className="text-sm text-zinc-500">Loading the schema…</p>;
  if ('error' in parsed) return <ErrorPanel error={parsed.error} />;
  return (
    <fieldset className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" aria-label="Schema fields">
      <legend className="px-1 text-xs text-zinc-500">
        {subject} v{latest.version} · {latest.schemaType} · id {latest.id}
      </legend>
      {messages.length > 1 && (
        <Field label="Message">
          <Select aria-label="Protobuf message" value={message || messages[0]} onChange={(e) => onMessage(e.target.value)}>
            {messages.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {parsed.fields.map((f) => (
        <div key={f.name} className="grid grid-cols-[10rem_minmax(0,1fr)] items-center gap-3">
          <label className="text-sm">
            <span className="font-mono">{f.name || 'value'}</span>
            <span className="ml-1 text-xs text-zinc-500">
              {f.type}
              {f.optional ? '' : ' *'}
            </span>
          </label>
          <FieldInput f={f} value={inputs[f.name] ?? ''} onChange={(v) => onInputs({ ...inputs, [f.name]: v })} />
        </div>
      ))}
    </fieldset>
  );
}
