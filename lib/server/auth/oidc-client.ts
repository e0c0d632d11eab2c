import 'server-only';
import type { NextRequest } from 'next/server';
import * as client from 'openid-client';
import { ApiError } from '../../api-error';
import { oidcSettings, principalFromClaims } from './oidc-config';
import { requestOrigin } from './request-origin';
import type { Principal } from './roles';

let discovered: { key: string; config: Promise<client.Configuration> } | undefined;

/** The provider's metadata, discovered once (again after a failure). */
function configuration(): Promise<client.Configuration> {
  const s = oidcSettings();
  const key = `${s.issuer}|${s.clientId}`;
  if (discovered?.key !== key) {
    const url = new URL(s.issuer);
    const config = client
      .discovery(url, s.clientId, s.clientSecret, s.clientSecret ? undefined : client.None(), {
        // Plain http only for a provider on this machine (development, tests).
        execute: url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? [client.allowInsecureRequests] : [],
      })
      .catch((e: unknown) => {
        discovered = undefined;
        throw new ApiError('cluster_unreachable', `OpenID provider ${s.issuer}: discovery failed (${e instanceof Error ? e.message : String(e)})`);
      });
    discovered = { key, config };
  }
  return discovered.config;
}

export function redirectUrl(req: NextRequest): string {
  return oidcSettings().redirectUrl ?? new URL('/api/auth/oidc/callback', requestOrigin(req)).toString();
}

export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** Where to send the browser, and what to remember until it comes back. */
export async function beginLogin(req: NextRequest, returnTo: string): Promise<{ url: string; pending: PendingLogin }> {
  const config = await configuration();
  const verifier = client.randomPKCECodeVerifier();
  const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier, returnTo };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUrl(req),
    scope: oidcSettings().scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url: url.toString(), pending };
}

/** Exchanges the code, checks state, nonce and PKCE, and maps the claims to roles. */
export async function finishLogin(req: NextRequest, pending: PendingLogin): Promise<Principal> {
  const config = await configuration();
  const s = oidcSettings();
  // The URL the provider redirected to, as registered (the request may arrive under another host name).
  const current = new URL(redirectUrl(req));
  current.search = req.nextUrl.search;
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = { ...(tokens.claims() ?? {}) };
    if (claims[s.rolesClaim.split('.')[0]!] === undefined && tokens.access_token) {
      // Many providers put groups only in the userinfo answer.
      Object.assign(claims, await client.fetchUserInfo(config, tokens.access_token, String(claims.sub)));
    }
  } catch (e) {
    throw new ApiError('unauthorized', `OpenID login failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const user = principalFromClaims(s, claims);
  if (!user)
    throw new ApiError(
      'forbidden',
      `Signed in as ${String(claims.preferred_username ?? claims.email ?? claims.sub)}, but no role is granted to them: their "${s.rolesClaim}" matches no entry of KAYAK_OIDC_ROLE_MAP`,
    );
  return user;
}
