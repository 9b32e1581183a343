/** A refusal or error answer of the civicflow HTTP API, as data the elements can show. */
export class CaseApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's error code (`VERSION_CONFLICT`, `EVENT_REFUSED`, …); `HTTP_ERROR` when the answer had none (not the API's JSON). */
    readonly code: string,
    message: string,
    /** The whole JSON answer (with `refusal`, `details`, `errors` where the server sends them). */
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CaseApiError';
  }
}

/**
 * Where the API is and who asks: the base URL (empty for the page's own origin), a bearer token or the server's
 * sign-in cookie (`session`), the language.
 */
export interface ApiContext {
  readonly api: string;
  readonly token?: string | undefined;
  /** Send the page's cookies to its own origin: the person signed in at the server's `/auth/login`. */
  readonly session?: boolean | undefined;
  readonly locale: string;
}

/** What fetch sends as credentials: cookies only for a signed-in session without a token, and only to the page's origin. */
export function credentialsOf(ctx: ApiContext): RequestCredentials {
  return ctx.session && !ctx.token ? 'same-origin' : 'omit';
}

/** Who is signed in with the server's sign-in cookie (`GET /auth/session`), or undefined when nobody is. */
export async function fetchSession(ctx: ApiContext): Promise<{ actor: string; name?: string } | undefined> {
  const response = await fetch(apiUrl(ctx, '/auth/session'), { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { actor?: unknown; name?: unknown };
  return typeof body.actor === 'string' ? { actor: body.actor, ...(typeof body.name === 'string' ? { name: body.name } : {}) } : undefined;
}

/** The URL of an API path (`/v1/...`) under the element's `api` base. */
export function apiUrl(ctx: ApiContext, path: string): string {
  return new URL(`${ctx.api.replace(/\/$/, '')}${path}`, document.baseURI).href;
}

/**
 * Sends one request to the API and reads its JSON. Resolves with the body and the `ETag`; rejects with a
 * `CaseApiError` for any answer other than 2xx, and with the fetch error when the network failed.
 */
export async function requestJson<T>(ctx: ApiContext, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ body: T; etag: string | null }> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': ctx.locale, ...init.headers };
  if (ctx.token) headers['Authorization'] = `Bearer ${ctx.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(apiUrl(ctx, path), {
    method: init.method ?? 'GET',
    headers,
    credentials: credentialsOf(ctx),
    cache: 'no-store',
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const message = typeof body['message'] === 'string' ? body['message'] : `HTTP ${response.status}`;
    throw new CaseApiError(response.status, typeof body['code'] === 'string' ? body['code'] : 'HTTP_ERROR', message, body);
  }
  return { body: body as T, etag: response.headers.get('ETag') };
}

/** The case version in an `ETag` (`"3"`), for `If-Match`. */
export function versionOf(etag: string | null): number | undefined {
  const m = etag ? /^(?:W\/)?"?(\d+)"?$/.exec(etag.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

/** The API path of a program version named as cases name it (`id@version`): `/v1/programs/{id}/versions/{version}`. */
export function programVersionPath(ref: string): string {
  const at = ref.lastIndexOf('@');
  const [id, version] = at < 0 ? [ref, ''] : [ref.slice(0, at), ref.slice(at + 1)];
  return `/v1/programs/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`;
}

/**
 * The URL of the server's compact browser validators of one form of a program version (`id@version`), for
 * `<cf-form src>`: code only; the module fetches the words of its locale from the same server.
 */
export function browserValidatorsUrl(ctx: ApiContext, ref: string, form: string): string {
  return apiUrl(ctx, `${programVersionPath(ref)}/browser/validators.js?forms=${encodeURIComponent(form)}`);
}

/**
 * Sends a workflow event to a case (`POST /v1/cases/{id}/events`) with `If-Match` the version the sender saw, so a
 * case changed in the meantime answers 409 `VERSION_CONFLICT` instead of taking the step. Resolves with the
 * server's answer (`{ case, applied }`); rejects as `requestJson` does (see `eventRefusal` to sort the refusals).
 */
export function sendCaseEvent<C>(ctx: ApiContext, caseId: string, version: number, event: string, data?: Record<string, unknown>): Promise<{ body: { case: C }; etag: string | null }> {
  return requestJson<{ case: C }>(ctx, `/v1/cases/${encodeURIComponent(caseId)}/events`, {
    method: 'POST',
    body: data === undefined ? { type: event } : { type: event, data },
    headers: { 'If-Match': `"${version}"` },
  });
}
