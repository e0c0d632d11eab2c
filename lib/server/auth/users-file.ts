import 'server-only';
import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ApiError } from '../../api-error';
import { ROLES, type Principal } from './roles';

/**
 * KAYAK_USERS_FILE (YAML or JSON):
 *   users:
 *     - name: alice
 *       passwordHash: $argon2id$...      # npm run hash-password
 *       roles: { "*": viewer, prod: admin }   # or just: admin (every cluster)
 *       messages: true                   # may see message contents (default false)
 * A bare list of users works too. The file is read again when it changes, and roles are looked
 * up on every request, so removing a user or a role takes effect at once.
 */
const roleSchema = z.enum(ROLES);
const userSchema = z.object({
  name: z.string().min(1).max(200),
  passwordHash: z.string().regex(/^\$argon2(id|i|d)\$/, 'passwordHash must be an argon2 hash (npm run hash-password)'),
  roles: z.union([roleSchema.transform((r) => ({ '*': r })), z.record(z.string(), roleSchema)]),
  messages: z.boolean().default(false),
});
const fileSchema = z.union([z.object({ users: z.array(userSchema) }), z.array(userSchema).transform((users) => ({ users }))]);

export type UserEntry = z.output<typeof userSchema>;

let cache: { path: string; mtimeMs: number; size: number; users: Map<string, UserEntry> } | undefined;

function fail(path: string, why: string): never {
  throw new ApiError('internal', `Console configuration error: KAYAK_USERS_FILE ${path}: ${why}`);
}

export function loadUsers(path = process.env.KAYAK_USERS_FILE?.trim() ?? ''): Map<string, UserEntry> {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    fail(path, `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (cache && cache.path === path && cache.mtimeMs === st.mtimeMs && cache.size === st.size) return cache.users;
  let data: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch {
    fail(path, 'not valid JSON/YAML');
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(path, `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'} (expected users: [{ name, passwordHash, roles, messages? }])`);
  }
  const users = new Map<string, UserEntry>();
  for (const u of parsed.data.users) {
    if (users.has(u.name)) fail(path, `user "${u.name}" is listed twice`);
    users.set(u.name, u);
  }
  cache = { path, mtimeMs: st.mtimeMs, size: st.size, users };
  return users;
}

export function principalOf(u: UserEntry): Principal {
  return { name: u.name, roles: u.roles, messages: u.messages, via: 'users' };
}
