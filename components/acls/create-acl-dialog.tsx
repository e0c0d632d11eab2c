'use client';

import { useState, type FormEvent } from 'react';
import { ACL_OPERATIONS, ACL_PATTERN_TYPES, ACL_PERMISSIONS, ACL_RESOURCE_TYPES, CLUSTER_RESOURCE_NAME } from '@/lib/acl-names';
import { useCreateAcl } from '@/lib/queries/acls';
import { aclSchema, type AclInput } from '@/lib/validation';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input, Select } from '../ui/input';

const EMPTY = { resourceType: 'TOPIC', resourceName: '', patternType: 'LITERAL', principal: 'User:', host: '*', operation: 'READ', permission: 'ALLOW' };

function Options({ table }: { table: Record<string, number> }) {
  return Object.keys(table).map((name) => (
    <option key={name} value={name}>
      {name}
    </option>
  ));
}

/** One binding at a time, checked with the same schema the route uses before anything is sent. */
export function CreateAclDialog({ open, onClose, cluster }: { open: boolean; onClose: () => void; cluster?: string }) {
  const create = useCreateAcl(cluster);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm((f) => ({
      ...f,
      [key]: e.target.value,
      ...(key === 'resourceType' && e.target.value === 'CLUSTER' ? { resourceName: CLUSTER_RESOURCE_NAME, patternType: 'LITERAL' } : {}),
    }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = aclSchema.safeParse(form);
    if (!result.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? 'resourceName')] ??= issue.message;
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    create.mutate(form as AclInput, {
      onSuccess: () => {
        onClose();
        setForm(EMPTY);
      },
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title="Create ACL">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Resource type" error={errors.resourceType}>
            <Select name="resourceType" value={form.resourceType} onChange={set('resourceType')}>
              <Options table={ACL_RESOURCE_TYPES} />
            </Select>
          </Field>
          <Field label="Pattern" error={errors.patternType} hint="PREFIXED matches every name starting with it">
            <Select name="patternType" value={form.patternType} onChange={set('patternType')}>
              <Options table={ACL_PATTERN_TYPES} />
            </Select>
          </Field>
        </div>
        <Field label="Resource name" error={errors.resourceName} hint="* means every resource of this type">
          <Input name="resourceName" value={form.resourceName} onChange={set('resourceName')} placeholder="orders" />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Principal" error={errors.principal} hint="User:alice, or User:* for everyone">
            <Input name="principal" value={form.principal} onChange={set('principal')} />
          </Field>
          <Field label="Host" error={errors.host} hint="* or a client IP address">
            <Input name="host" value={form.host} onChange={set('host')} />
          </Field>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Operation" error={errors.operation}>
            <Select name="operation" value={form.operation} onChange={set('operation')}>
              <Options table={ACL_OPERATIONS} />
            </Select>
          </Field>
          <Field label="Permission" error={errors.permission} hint="DENY wins over any ALLOW">
            <Select name="permission" value={form.permission} onChange={set('permission')}>
              <Options table={ACL_PERMISSIONS} />
            </Select>
          </Field>
        </div>
        {create.isError && <ErrorPanel error={create.error} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create ACL'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
