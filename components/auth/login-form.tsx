'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchJson } from '@/lib/fetch-json';
import { meQuery } from '@/lib/queries/access';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { ErrorPanel } from '../ui/error-panel';
import { Field, Input } from '../ui/input';

/** Name and password (users file) and/or a button for the OpenID provider, as configured. */
export function LoginForm({ next, error }: { next: string; error?: string }) {
  const me = useQuery(meQuery(undefined));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => fetchJson<{ name: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ name, password }) }),
    onSuccess: () => window.location.assign(next),
  });
  const methods = me.data?.methods;
  return (
    <div className="mx-auto mt-12 max-w-sm" data-login-page="">
      <Card title="Sign in to Kayak">
        <div className="space-y-4 p-4">
          {error && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {error}
            </p>
          )}
          {me.data && !me.data.loginEnabled && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Login is off on this console: everyone may use it.{' '}
              <a className="underline" href={next}>
                Continue
              </a>
            </p>
          )}
          {me.data?.user && me.data.loginEnabled && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Signed in as {me.data.user.name}.{' '}
              <a className="underline" href={next}>
                Continue
              </a>
            </p>
          )}
          {methods?.password && (
            <form
              className="space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                login.mutate();
              }}
            >
              <Field label="User name">
                <Input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
              </Field>
              <Field label="Password">
                <Input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
              </Field>
              {login.isError && <ErrorPanel error={login.error} />}
              <Button type="submit" variant="primary" disabled={login.isPending || !name || !password}>
                {login.isPending ? 'Signing in…' : 'Sign in'}
              </Button>
            </form>
          )}
          {methods?.oidc && (
            <a
              href={`/api/auth/oidc/login?next=${encodeURIComponent(next)}`}
              className="inline-flex h-9 items-center rounded-md border border-zinc-300 px-3 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Sign in with single sign-on
            </a>
          )}
        </div>
      </Card>
    </div>
  );
}
