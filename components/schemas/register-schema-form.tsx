'use client';

import { useState } from 'react';
import { SCHEMA_TYPES, type SchemaType } from '@/lib/schemas/dto';
import { useCompatibility, useRegisterSchema } from '@/lib/queries/schemas';
import { Button } from '../ui/button';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';

const TEXTAREA = 'h-64 w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950';

/**
 * Register a schema: first the registry's compatibility check against the subject's latest
 * version, shown here; saving is possible only once the schema as typed has passed it.
 */
export function RegisterSchemaForm({
  cluster,
  subject: fixedSubject,
  initial,
  initialType,
  onRegistered,
}: {
  cluster?: string;
  subject?: string;
  initial: string;
  initialType: SchemaType;
  onRegistered: (subject: string, version: number | null) => void;
}) {
  const [subject, setSubject] = useState(fixedSubject ?? '');
  const [schema, setSchema] = useState(initial);
  const [schemaType, setSchemaType] = useState<SchemaType>(initialType);
  const [checked, setChecked] = useState<string | null>(null);
  const compat = useCompatibility(cluster, subject);
  const register = useRegisterSchema(cluster);
  const current = `${subject}\n${schemaType}\n${schema}`;
  const result = checked === current ? compat.data : undefined;
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      compat.reset();
      register.reset();
    };

  return (
    <form
      className="space-y-3"
      aria-label="Register schema"
      onSubmit={(e) => {
        e.preventDefault();
        if (result?.compatible) register.mutate({ subject, input: { schema, schemaType } }, { onSuccess: (r) => onRegistered(r.subject, r.version) });
      }}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        {!fixedSubject && (
          <div className="md:col-span-2">
            <Field label="Subject" hint="usually <topic>-value or <topic>-key">
              <Input aria-label="Subject" value={subject} onChange={(e) => edit(setSubject)(e.target.value)} />
            </Field>
          </div>
        )}
        <Field label="Schema type">
          <Select aria-label="Schema type" value={schemaType} onChange={(e) => edit(setSchemaType)(e.target.value as SchemaType)}>
            {SCHEMA_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === 'JSON' ? 'JSON Schema' : t === 'AVRO' ? 'Avro' : 'Protobuf'}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Schema">
        <textarea aria-label="Schema" className={TEXTAREA} value={schema} spellCheck={false} onChange={(e) => edit(setSchema)(e.target.value)} />
      </Field>
      {compat.isError && <ErrorPanel error={compat.error} />}
      {result && (
        <div
          role="status"
          aria-label="Compatibility result"
          className={
            result.compatible
              ? 'rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-300'
              : 'rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-300'
          }
        >
          {result.newSubject
            ? 'New subject: this will be its first version.'
            : result.compatible
              ? 'Compatible with the latest version.'
              : 'Not compatible with the latest version.'}
          {result.messages.length > 0 && (
            <ul className="mt-1 list-disc pl-5 font-mono text-xs">
              {result.messages.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {register.isError && <ErrorPanel error={register.error} />}
      <div className="flex justify-end gap-2">
        <Button
          disabled={!subject.trim() || !schema.trim() || compat.isPending}
          onClick={() => compat.mutate({ schema, schemaType }, { onSuccess: () => setChecked(current) })}
        >
          {compat.isPending ? 'Checking…' : 'Check compatibility'}
        </Button>
        <Button type="submit" variant="primary" disabled={!result?.compatible || register.isPending} title={result ? undefined : 'Check compatibility first'}>
          {register.isPending ? 'Registering…' : 'Register'}
        </Button>
      </div>
    </form>
  );
}
