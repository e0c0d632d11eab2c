/**
 * The warning printed at start when the console listens beyond this machine without login:
 * anyone who can reach the port is then admin of every configured cluster. Plain JavaScript so
 * the container entry (docker-entry.mjs) can use it without a TypeScript loader.
 */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** True when login is configured (the console's rule in lib/server/auth/config.ts). */
export function loginConfigured(env) {
  const mode = (env.KAYAK_AUTH ?? '').trim().toLowerCase();
  if (mode) return mode !== 'none';
  return Boolean(env.KAYAK_USERS_FILE?.trim() || env.KAYAK_OIDC_ISSUER?.trim());
}

/** The warning for this bind address and environment, or null when there is nothing to warn about. */
export function loginWarning(host, env) {
  if (LOOPBACK.test(host) || loginConfigured(env)) return null;
  return (
    `[kayak] WARNING: the console listens on ${host} without login: anyone who can reach it can read ` +
    'every message and create, change or delete topics and consumer groups. Set KAYAK_USERS_FILE ' +
    'or KAYAK_OIDC_ISSUER (see "Login and roles" in the README), or bind to 127.0.0.1.'
  );
}
