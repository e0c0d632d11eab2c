import 'server-only';
import { z } from 'zod';
import { ApiError } from '../../api-error';
import { ROLES, mergeRoles, type Principal, type Role } from './roles';

/**
 * OpenID Connect settings:
 *   KAYAK_OIDC_ISSUER, KAYAK_OIDC_CLIENT_ID, KAYAK_OIDC_CLIENT_SECRET (none: a public client with PKCE)
 *   KAYAK_OIDC_REDIRECT_URL  (default: <console origin>/api/auth/oidc/callback)
 *   KAYAK_OIDC_SCOPES        (default: "openid profile email")
 *   KAYAK_OIDC_ROLES_CLAIM   (default: groups; a dotted path such as realm_access.roles works)
 *   KAYAK_OIDC_ROLE_MAP      JSON: claim value → a role for every cluster, or { roles, messages }:
 *                            {"kafka-admins": {"roles": {"*": "admin"}, "messages": true}, "staff": "viewer"}
 * A user whose claim matches no entry is refused: signing in with the provider grants nothing by itself.
 */
const roleSchema = z.enum(ROLES);
const grantSchema = z.union([
  roleSchema.transform((r) => ({ roles: { '*': r } as Record<string, Role>, messages: false })),
  z.object({
    roles: z.union([roleSchema.transform((r) => ({ '*': r }) as Record<string, Role>), z.record(z.string(), roleSchema)]),
    messages: z.boolean().default(false),
  }),
]);
const mapSchema = z.record(z.string(), grantSchema);

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUrl: string | undefined;
  scopes: string;
  rolesClaim: string;
  roleMap: z.output<typeof mapSchema>;
}

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings {
  const issuer = env.KAYAK_OIDC_ISSUER?.trim();
  const clientId = env.KAYAK_OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId) throw new ApiError('internal', 'Console configuration error: OpenID Connect needs KAYAK_OIDC_ISSUER and KAYAK_OIDC_CLIENT_ID');
  let roleMap: OidcSettings['roleMap'] = {};
  if (env.KAYAK_OIDC_ROLE_MAP?.trim()) {
    let raw: unknown;
    try {
      raw = JSON.parse(env.KAYAK_OIDC_ROLE_MAP);
    } catch {
      throw new ApiError('internal', 'Console configuration error: KAYAK_OIDC_ROLE_MAP is not valid JSON');
    }
    const parsed = mapSchema.safeParse(raw);
    if (!parsed.success)
      throw new ApiError(
        'internal',
        `Console configuration error: KAYAK_OIDC_ROLE_MAP: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
      );
    roleMap = parsed.data;
  }
  return {
    issuer,
    clientId,
    clientSecret: env.KAYAK_OIDC_CLIENT_SECRET?.trim() || undefined,
    redirectUrl: env.KAYAK_OIDC_REDIRECT_URL?.trim() || undefined,
    scopes: env.KAYAK_OIDC_SCOPES?.trim() || 'openid profile email',
    rolesClaim: env.KAYAK_OIDC_ROLES_CLAIM?.trim() || 'groups',
    roleMap,
  };
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), claims);
}

/** Maps the provider's claims to a principal, or null when no role applies. */
export function principalFromClaims(s: OidcSettings, claims: Record<string, unknown>): Principal | null {
  const raw = claimAt(claims, s.rolesClaim);
  const values = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : []).filter((v): v is string => typeof v === 'string');
  const grants = values.map((v) => s.roleMap[v]).filter((g) => g !== undefined);
  if (grants.length === 0) return null;
  const name = [claims.preferred_username, claims.email, claims.sub].find((v): v is string => typeof v === 'string' && v.length > 0) ?? 'unknown';
  return { name, roles: mergeRoles(grants.map((g) => g.roles)), messages: grants.some((g) => g.messages), via: 'oidc' };
}
