import { readFileSync } from 'node:fs';
import { ServerError } from '../errors.js';

/** One line of the claim → role mapping: whoever has `value` in `claim` gets `roles`. */
export interface RoleRule {
  /** The claim's name, or a dotted path into nested claims (Keycloak's `realm_access.roles`). */
  claim: string;
  /** The value to look for: the claim equals it, or (a list claim such as `groups`) holds it. */
  value: string;
  /** `<program>:<role>` for each role this grants, such as `zweite-chance:jobcenter`. */
  roles: string[];
}

/** How the server signs caseworkers in with an OpenID Connect provider (see docs/operating.md). */
export interface OidcConfig {
  /** The provider's issuer URL, such as `https://login.example.org/realms/office`; its discovery document is read at start. */
  issuer: string;
  clientId: string;
  /** A confidential client's secret; without it the server signs in as a public client, protected by PKCE alone. */
  clientSecret?: string;
  /** Where the provider sends people back: this server's `/auth/callback`, as the provider knows it. */
  redirectUri: string;
  /** Default `openid profile`; add what carries the claims the roles come from (often `groups` or `roles`). */
  scopes?: string[];
  /** The claim with the person's display name. Default `name`. */
  nameClaim?: string;
  /** Who gets which roles. A person whose claims match no rule signs in, but may do nothing. */
  roles: RoleRule[];
  /**
   * The audience (`aud`) of access tokens for this API. When set, API clients may send the provider's JWT access
   * tokens as `Authorization: Bearer`; they are checked against the provider's keys, issuer, audience and expiry.
   */
  audience?: string;
  /** How long a sign-in lasts, in hours: 1 to 720. Default 8 (a working day). */
  sessionHours?: number;
  /** Where people land after signing out. Default the root of the redirect URI's origin. */
  afterSignOut?: string;
  /** Further origins whose pages may send changes with the session cookie. The redirect URI's origin always may. */
  origins?: string[];
}

const ROLE = /^[^:\s]+:[A-Za-z_]\w*$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL is on this machine, where plain http is fine (development and tests). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

const invalid = (field: string, message: string, source: string) =>
  new ServerError('OIDC_CONFIG_INVALID', `${source}: ${field}: ${message}`, 500, { field });

function httpsUrl(value: unknown, field: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw invalid(field, 'must be an absolute URL', source);
  }
  if (typeof value !== 'string' || !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url)))) {
    throw invalid(field, 'must be an https URL (plain http only on localhost or 127.0.0.1)', source);
  }
  return url;
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 2000;

/**
 * Checks a sign-in configuration and gives it back with defaults filled in. Throws `OIDC_CONFIG_INVALID` naming the
 * setting at fault.
 */
export function parseOidcConfig(json: unknown, source = 'sign-in settings'): Required<Omit<OidcConfig, 'clientSecret' | 'audience'>> & Pick<OidcConfig, 'clientSecret' | 'audience'> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('(file)', 'expected a JSON object', source);
  const c = json as Record<string, unknown>;
  const known = new Set(['issuer', 'clientId', 'clientSecret', 'redirectUri', 'scopes', 'nameClaim', 'roles', 'audience', 'sessionHours', 'afterSignOut', 'origins']);
  const unknown = Object.keys(c).find((k) => !known.has(k));
  if (unknown) throw invalid(unknown, 'is not a setting (a typing error?)', source);
  httpsUrl(c.issuer, 'issuer', source);
  if (!text(c.clientId)) throw invalid('clientId', 'is required', source);
  if (c.clientSecret !== undefined && !text(c.clientSecret)) throw invalid('clientSecret', 'must be text when given', source);
  const redirect = httpsUrl(c.redirectUri, 'redirectUri', source);
  if (redirect.search || redirect.hash) throw invalid('redirectUri', 'must not have a query or fragment', source);
  const scopes = c.scopes ?? ['openid', 'profile'];
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)) || !scopes.includes('openid')) {
    throw invalid('scopes', 'must be a list of scope names that includes "openid"', source);
  }
  const nameClaim = c.nameClaim ?? 'name';
  if (!text(nameClaim)) throw invalid('nameClaim', 'must be a claim name', source);
  if (!Array.isArray(c.roles)) throw invalid('roles', 'must be a list of { "claim", "value", "roles": ["program:role"] }', source);
  const roles = c.roles.map((r: unknown, i): RoleRule => {
    const rule = r as Partial<RoleRule> | null;
    if (!rule || !text(rule.claim) || typeof rule.value !== 'string' || rule.value === '' || !Array.isArray(rule.roles) || rule.roles.length === 0 || !rule.roles.every((x) => typeof x === 'string' && ROLE.test(x))) {
      throw invalid(`roles[${i}]`, 'needs "claim", "value" and "roles" like "program:role"', source);
    }
    return { claim: rule.claim, value: rule.value, roles: [...rule.roles] };
  });
  if (c.audience !== undefined && !text(c.audience)) throw invalid('audience', 'must be text when given', source);
  const sessionHours = c.sessionHours ?? 8;
  if (typeof sessionHours !== 'number' || !Number.isInteger(sessionHours) || sessionHours < 1 || sessionHours > 720) throw invalid('sessionHours', 'must be a whole number of hours from 1 to 720', source);
  const afterSignOut = c.afterSignOut === undefined ? new URL('/', redirect).href : httpsUrl(c.afterSignOut, 'afterSignOut', source).href;
  const origins = c.origins ?? [];
  if (!Array.isArray(origins)) throw invalid('origins', 'must be a list of origins such as "https://office.example.org"', source);
  const originList = origins.map((o: unknown, i) => {
    const url = httpsUrl(o, `origins[${i}]`, source);
    if (url.origin !== o) throw invalid(`origins[${i}]`, `must be an origin alone, such as "${url.origin}"`, source);
    return url.origin;
  });
  return {
    issuer: c.issuer as string,
    clientId: c.clientId,
    ...(c.clientSecret !== undefined ? { clientSecret: c.clientSecret } : {}),
    redirectUri: redirect.href,
    scopes: [...(scopes as string[])],
    nameClaim,
    roles,
    ...(c.audience !== undefined ? { audience: c.audience } : {}),
    sessionHours,
    afterSignOut,
    origins: originList,
  };
}

/**
 * Reads a sign-in configuration file (JSON, see `OidcConfig`). The client secret may stay out of the file:
 * `CIVICFLOW_OIDC_CLIENT_SECRET` in `env` takes its place.
 */
export function readOidcConfig(file: string, env: Record<string, string | undefined> = process.env): OidcConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalid('(file)', `cannot be read as JSON (${(err as Error).message})`, file);
  }
  const secret = env.CIVICFLOW_OIDC_CLIENT_SECRET || undefined;
  return parseOidcConfig(secret && typeof json === 'object' && json !== null ? { ...json, clientSecret: secret } : json, file);
}

/** The values of a claim (a dotted path reaches into nested objects), as text; a list gives each of its texts. */
function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = Object.hasOwn(claims, path) ? claims[path] : undefined;
  if (value === undefined && path.includes('.')) {
    value = claims;
    for (const part of path.split('.')) value = value && typeof value === 'object' && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The roles (`program:role`, sorted, each once) that the rules grant a person with these claims. */
export function rolesFromClaims(claims: Record<string, unknown>, rules: readonly RoleRule[]): string[] {
  const roles = new Set<string>();
  for (const rule of rules) if (claimValues(claims, rule.claim).includes(rule.value)) for (const r of rule.roles) roles.add(r);
  return [...roles].sort();
}
