import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Authenticate, Principal } from './principal.js';
import type { SessionStore } from '../store/session-store.js';
import type { AppContext, AppEnv } from '../http/http-context.js';
import type { Logger } from '../logger.js';
import { describeError, silentLogger } from '../logger.js';
import { errorResponse } from '../http/http-context.js';
import { ServerError } from '../errors.js';
import { serverMessage } from '../http/server-messages.js';
import { bearerToken } from './token-authenticator.js';
import { isLoopback, parseOidcConfig, rolesFromClaims, type OidcConfig } from './oidc-config.js';

/** Sign-in with an OpenID Connect provider: the `/auth/*` routes and the `Authenticate` hook that knows their sessions. */
export interface OidcSignIn {
  /** Who sends a request: a session cookie of `/auth/callback`, or (with `audience` set) the provider's JWT access token. */
  authenticate: Authenticate;
  /** Adds `/auth/login`, `/auth/callback`, `/auth/logout` and `/auth/session` to an app. */
  register(app: Hono<AppEnv>): void;
  /** The session cookie's name: `__Host-cf-session` when the redirect URI is https, else `cf-session`. */
  readonly cookieName: string;
}

export interface OidcSignInOptions {
  config: OidcConfig;
  /** Where sessions are kept (the case store's `sessions`). */
  sessions: SessionStore;
  /** Signs the short-lived cookie that carries a sign-in from `/auth/login` to `/auth/callback`: the store's `secret('oidc-flow')`. */
  flowSecret: string;
  clock?: () => Date;
  logger?: Logger;
  /** How long to wait for the provider, in milliseconds. Default 10,000. */
  timeoutMs?: number;
}

/** How long a person may take at the provider between `/auth/login` and `/auth/callback`. */
const FLOW_SECONDS = 600;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** Unix seconds. */
  exp: number;
}

const digest = (id: string) => createHash('sha256').update(id).digest('base64url');

/** A cookie's value from a `Cookie` header. */
function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Where to go after signing in: a path on this server (`/caseworker/?lang=en`), never another origin. Anything
 * else, such as `//evil.example` or `https://evil.example/`, gives `/`.
 */
export function safeReturnTo(value: string | undefined, origin: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 2000 || [...value].some((ch) => ch < ' ')) return '/';
  try {
    const url = new URL(value, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

/** A person's page for a sign-in that did not work: their language, no codes, and the way to start again. */
function failurePage(c: AppContext, err: ServerError): Response {
  c.set('errorCode', err.code);
  const lang = c.get('locale') === 'en' ? 'en' : 'de';
  const title = lang === 'de' ? 'Anmeldung' : 'Sign-in';
  const again = lang === 'de' ? 'Noch einmal anmelden' : 'Sign in again';
  const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  c.header('Cache-Control', 'no-store');
  return c.html(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
      `<body><main><h1>${title}</h1><p role="alert">${esc(serverMessage(err.code, lang))}</p><p><a href="/auth/login">${again}</a></p></main></body></html>`,
    err.status as 400,
  );
}

/**
 * Signs caseworkers in with an OpenID Connect provider (authorization code flow with PKCE, state and nonce, through
 * the certified `openid-client`). Reads the provider's discovery document now: a provider that cannot be reached
 * stops the start with `SIGN_IN_UNAVAILABLE`.
 *
 * Sessions are rows in the store (the cookie holds a random id, the store its SHA-256), so signing out ends a
 * session in every server process at once, and a copied cookie is worth nothing afterwards.
 */
export async function createOidcSignIn(options: OidcSignInOptions): Promise<OidcSignIn> {
  const config = parseOidcConfig(options.config);
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const issuer = new URL(config.issuer);
  const redirect = new URL(config.redirectUri);
  const origin = redirect.origin;
  const secure = redirect.protocol === 'https:';
  const cookieName = secure ? '__Host-cf-session' : 'cf-session';
  const flowCookie = secure ? '__Host-cf-signin' : 'cf-signin';
  const origins = new Set([origin, ...config.origins]);

  let oidc: client.Configuration;
  try {
    oidc = await client.discovery(
      issuer,
      config.clientId,
      undefined,
      config.clientSecret !== undefined ? client.ClientSecretBasic(config.clientSecret) : client.None(),
      { timeout: Math.ceil((options.timeoutMs ?? 10_000) / 1000), ...(isLoopback(issuer) && issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}) },
    );
  } catch (err) {
    throw new ServerError('SIGN_IN_UNAVAILABLE', `The OpenID Connect provider ${config.issuer} cannot be reached or is not a provider: ${(err as Error).message}`, 503, { issuer: config.issuer });
  }
  const metadata = oidc.serverMetadata();
  const jwks = config.audience !== undefined && metadata.jwks_uri ? createRemoteJWKSet(new URL(metadata.jwks_uri)) : undefined;

  const mac = (payload: string) => createHmac('sha256', options.flowSecret).update(`oidc-flow:${payload}`).digest();
  const sealFlow = (flow: Flow) => {
    const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${payload}.${mac(payload).toString('base64url')}`;
  };
  const openFlow = (value: string | undefined): Flow | undefined => {
    const [payload, sig, extra] = (value ?? '').split('.');
    if (!payload || !sig || extra !== undefined) return undefined;
    const given = Buffer.from(sig, 'base64url');
    const expected = mac(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Flow;
    return flow.exp * 1000 > clock().getTime() ? flow : undefined;
  };

  const cookie = (name: string, value: string, maxAge: number) =>
    `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  const principalOf = (claims: Record<string, unknown>): Principal => {
    const name = claims[config.nameClaim];
    return {
      actor: String(claims.sub),
      ...(typeof name === 'string' && name.trim() !== '' ? { name: name.trim().slice(0, 200) } : {}),
      roles: rolesFromClaims(claims, config.roles),
    };
  };

  /** The origin a browser says a request came from: `Origin`, else the `Referer`'s. */
  const senderOrigin = (request: Request): string | undefined => {
    const given = request.headers.get('origin');
    if (given && given !== 'null') return given;
    try {
      return new URL(request.headers.get('referer') ?? '').origin;
    } catch {
      return undefined;
    }
  };
  /** Cross-site request forgery: a change signed in by the cookie must come from a page of this server. */
  const checkOrigin = (request: Request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const from = senderOrigin(request);
    if (!from || !origins.has(from)) throw new ServerError('ORIGIN_REFUSED', `A change signed in by the session cookie came from ${from ?? 'a page that did not say'}, not from ${origin}`, 403, {});
  };

  const sessionOf = async (request: Request) => {
    const id = cookieValue(request.headers.get('cookie'), cookieName);
    if (!id || !/^[\w-]{43}$/.test(id)) return undefined;
    return options.sessions.get(digest(id), clock());
  };

  const authenticate: Authenticate = async (request) => {
    const token = bearerToken(request);
    if (token !== undefined) {
      if (!jwks || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return null;
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer: metadata.issuer, audience: config.audience!, currentDate: clock(), requiredClaims: ['sub', 'exp'] });
        return principalOf(payload as Record<string, unknown>);
      } catch {
        return null;
      }
    }
    const session = await sessionOf(request);
    if (!session) return null;
    checkOrigin(request);
    return { actor: session.actor, ...(session.name ? { name: session.name } : {}), roles: session.roles };
  };

  function register(app: Hono<AppEnv>): void {
    app.use('/auth/*', async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
    });

    app.get('/auth/login', async (c) => {
      const verifier = client.randomPKCECodeVerifier();
      const flow: Flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier,
        returnTo: safeReturnTo(c.req.query('returnTo'), origin),
        exp: Math.floor(clock().getTime() / 1000) + FLOW_SECONDS,
      };
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: config.redirectUri,
        scope: config.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
        ...(c.get('locale') ? { ui_locales: c.get('locale') } : {}),
      });
      c.header('Set-Cookie', cookie(flowCookie, sealFlow(flow), FLOW_SECONDS));
      return c.redirect(url.href, 302);
    });

    app.get('/auth/callback', async (c) => {
      c.header('Set-Cookie', cookie(flowCookie, '', 0));
      const flow = openFlow(cookieValue(c.req.header('cookie') ?? null, flowCookie));
      if (!flow) return failurePage(c, new ServerError('SIGN_IN_FAILED', 'No sign-in in progress, or it took longer than 10 minutes', 400, {}));
      // The URL as the provider sent the browser to it: behind a proxy the request's own URL may be another.
      const current = new URL(config.redirectUri);
      current.search = new URL(c.req.url).search;
      let claims: Record<string, unknown>;
      let idToken: string | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(oidc, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
        const idClaims = tokens.claims()!;
        idToken = tokens.id_token;
        // Providers often give groups and roles at the userinfo endpoint only, not in the ID token.
        const userinfo = metadata.userinfo_endpoint ? await client.fetchUserInfo(oidc, tokens.access_token, idClaims.sub) : {};
        claims = { ...userinfo, ...idClaims };
      } catch (err) {
        const unreachable = err instanceof TypeError || (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
        logger.log({ level: 'warn', msg: 'sign-in refused', requestId: c.get('requestId'), ...describeError(err) });
        return failurePage(c, unreachable ? new ServerError('SIGN_IN_UNAVAILABLE', 'The provider cannot be reached', 503, {}) : new ServerError('SIGN_IN_FAILED', 'The provider\'s answer was refused', 400, {}));
      }
      const id = randomBytes(32).toString('base64url');
      const now = clock();
      const principal = principalOf(claims);
      const expiresAt = new Date(now.getTime() + config.sessionHours * 3_600_000);
      await options.sessions.create(digest(id), { ...principal, roles: [...principal.roles], ...(idToken ? { idToken } : {}), expiresAt }, now);
      logger.log({ level: 'info', msg: 'signed in', requestId: c.get('requestId'), roles: principal.roles.length });
      c.header('Set-Cookie', cookie(cookieName, id, config.sessionHours * 3600), { append: true });
      return c.redirect(flow.returnTo, 303);
    });

    app.post('/auth/logout', async (c) => {
      const id = cookieValue(c.req.header('cookie') ?? null, cookieName);
      let idToken: string | undefined;
      if (id && /^[\w-]{43}$/.test(id)) {
        checkOrigin(c.req.raw);
        idToken = (await options.sessions.remove(digest(id)))?.idToken;
      }
      c.header('Set-Cookie', cookie(cookieName, '', 0));
      if (!metadata.end_session_endpoint) return c.redirect(config.afterSignOut, 303);
      // RP-initiated logout: the provider ends its own session too, then sends the person to afterSignOut.
      const url = client.buildEndSessionUrl(oidc, { post_logout_redirect_uri: config.afterSignOut, ...(idToken ? { id_token_hint: idToken } : {}) });
      return c.redirect(url.href, 303);
    });

    app.get('/auth/session', async (c) => {
      const session = await sessionOf(c.req.raw);
      if (!session) return errorResponse(c, new ServerError('UNAUTHENTICATED', 'Not signed in', 401));
      return c.json({ actor: session.actor, ...(session.name ? { name: session.name } : {}), roles: session.roles, expiresAt: session.expiresAt.toISOString() });
    });
  }

  return { authenticate, register, cookieName };
}
