import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Authenticate, Principal } from './principal.js';
import { ServerError } from '../errors.js';

/** One bearer token and whom it stands for. */
export interface TokenEntry {
  token: string;
  actor: string;
  /** The person's display name, shown in case histories. */
  name?: string;
  roles: string[];
}

// Every request with a bearer token takes this digest: the one-shot `hash` gives the same SHA-256 at a third of the
// CPU of a `Hash` object built, updated and read for one short string.
const digest = (token: string) => hash('sha256', token, 'base64url');

/**
 * An `Authenticate` hook for fixed bearer tokens (`Authorization: Bearer <token>`), such as the demo's. Tokens are
 * compared by their SHA-256, so the time a lookup takes says nothing about how close a guess was.
 */
export function createTokenAuthenticator(entries: readonly TokenEntry[]): Authenticate {
  const byDigest = new Map<string, Principal>();
  for (const e of entries) {
    byDigest.set(digest(e.token), Object.freeze({ actor: e.actor, ...(e.name ? { name: e.name } : {}), roles: Object.freeze([...e.roles]) }));
  }
  return (request) => {
    const token = bearerToken(request);
    return token === undefined ? null : (byDigest.get(digest(token)) ?? null);
  };
}

/** The token of an `Authorization: Bearer` header, if there is one (up to 8 KiB: providers' JWT access tokens are long). */
export function bearerToken(request: Request): string | undefined {
  const m = /^Bearer\s+([\x21-\x7e]{1,8192})\s*$/i.exec(request.headers.get('authorization') ?? '');
  return m?.[1];
}

/**
 * Reads a token file: `{ "tokens": [{ "token", "actor", "name"?, "roles": ["<program>:<role>"] }] }`. Throws with the
 * file name and the entry at fault when the shape is wrong.
 */
export function readTokenFile(file: string): TokenEntry[] {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const tokens = (json as { tokens?: unknown })?.tokens;
  if (!Array.isArray(tokens)) throw new ServerError('TOKEN_FILE_INVALID', `${file}: expected { "tokens": [...] }`, 500, { file });
  return tokens.map((t: unknown, i) => {
    const e = t as Partial<TokenEntry>;
    const ok =
      typeof e?.token === 'string' && e.token.length >= 16 && typeof e.actor === 'string' && e.actor !== '' &&
      Array.isArray(e.roles) && e.roles.every((r) => typeof r === 'string' && /^[^:\s]+:[A-Za-z_]\w*$/.test(r)) &&
      (e.name === undefined || (typeof e.name === 'string' && e.name.trim() !== '' && e.name.length <= 200));
    if (!ok) throw new ServerError('TOKEN_FILE_INVALID', `${file}: tokens[${i}] needs "token" (16+ characters), "actor", "roles" like "program:role" and, if it has one, a "name" of 1 to 200 characters`, 500, { file, entry: i });
    return { token: e.token!, actor: e.actor!, ...(e.name !== undefined ? { name: e.name.trim() } : {}), roles: [...e.roles!] };
  });
}
