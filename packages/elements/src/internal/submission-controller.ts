import type { ReactiveController, ReactiveControllerHost } from './lit.js';
import type { ValidationError } from '@civicflow/core/runtime';

/** The server's own refusal: its code (the workflow's where it gave one), its message in the request's language. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** What the server's answer says besides (its `details`), as sent: read it without trusting its shape. */
  readonly details?: unknown;
}

/** Why the browser would not let the request out: the page's Content-Security-Policy, CORS, or mixed content. */
export type BlockedCause = 'csp' | 'cors' | 'mixed';

/** Where sending stands, for the element to show. */
export type SendState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'waiting'; readonly seconds: number; readonly attempt: number }
  | { readonly kind: 'failed'; readonly status?: number; readonly code?: string }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'blocked'; readonly cause: BlockedCause };

/** How a send ended. */
export type SendOutcome =
  | { readonly kind: 'accepted'; readonly response: unknown }
  | { readonly kind: 'invalid'; readonly errors: ValidationError[]; readonly status: number }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'blocked'; readonly cause: BlockedCause }
  | { readonly kind: 'failed'; readonly status?: number; readonly code?: string };

export interface SendRequest {
  readonly url: string;
  readonly body: string;
  readonly idempotencyKey: string;
  readonly locale: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Statuses worth trying again with the same key: the request may not have been handled, or not yet. */
const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Seconds from a `Retry-After` header (either form), if it gives a sensible wait. */
function retryAfterMs(response: Response | undefined): number | undefined {
  const value = response?.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= 120 ? seconds * 1000 : undefined;
}

function isErrorList(v: unknown): v is ValidationError[] {
  return Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'object' && e !== null && typeof (e as ValidationError).pointer === 'string');
}

/** The API's error body (`{ code, message, refusal? }`), read without trusting its shape. */
interface ErrorBody {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  details?: unknown;
  refusal?: { code?: unknown; message?: unknown; details?: { errors?: unknown } };
}

/** The server's field errors in an answer: a submission's `errors`, or those of a workflow's `DATA_INVALID`. */
function fieldErrorsOf(body: ErrorBody): ValidationError[] | undefined {
  if (isErrorList(body.errors)) return body.errors;
  const inRefusal = body.refusal?.details?.errors;
  return isErrorList(inRefusal) ? inRefusal : undefined;
}

/** The refusal in an API error body; undefined for an answer that is not the API's (a proxy's page). */
function refusalOf(status: number, body: ErrorBody): Refusal | undefined {
  const code = typeof body.refusal?.code === 'string' ? body.refusal.code : body.code;
  const message = typeof body.refusal?.message === 'string' ? body.refusal.message : body.message;
  if (typeof code !== 'string' || typeof message !== 'string' || message.trim() === '') return undefined;
  return body.refusal === undefined && body.details !== undefined ? { status, code, message, details: body.details } : { status, code, message };
}

/** Hosts a page may reach over plain HTTP from an HTTPS page: browsers treat loopback as trustworthy. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Why a `fetch` that rejected without an answer most likely failed, when the browser, not the network, stopped it.
 * The rejection is the same TypeError for all of them; what tells them apart: a CSP violation the document reported
 * for the URL, an HTTP URL from an HTTPS page, and a cross-origin URL while the browser says it is online (CORS).
 */
export function blockedCause(
  url: URL,
  violations: readonly string[],
  page: Pick<Location, 'protocol' | 'origin'> = location,
  online: boolean = navigator.onLine,
): BlockedCause | undefined {
  if (violations.some((blocked) => blocked === url.href || blocked === url.origin || url.href.startsWith(blocked))) return 'csp';
  if (page.protocol === 'https:' && url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return 'mixed';
  if (url.origin !== page.origin && online) return 'cors';
  return undefined;
}

/** What the page's developer reads in the console about a blocked request, with how to fix it. */
function blockedAdvice(cause: BlockedCause, url: URL): string {
  const start = `<cf-form>: the browser did not let the form be sent to ${url.href}`;
  switch (cause) {
    case 'csp':
      return `${start}: the page's Content-Security-Policy does not allow connecting to ${url.origin}. Add ${url.origin} to connect-src (or set action to a URL the policy allows).`;
    case 'mixed':
      return `${start}: the page is served over HTTPS and the action is HTTP (mixed content). Use an https: action URL.`;
    case 'cors':
      return `${start}, most likely because of CORS: the server at ${url.origin} does not allow requests from ${location.origin}. Allow this origin in that server's CORS (POST with Content-Type, Accept-Language and Idempotency-Key), or serve the action from this page's origin.`;
  }
}

/**
 * POSTs a form's JSON with an idempotency key, and tries again after network failures and transient server
 * answers with growing pauses, always with the same key, so that the server stores the submission once
 * however often it arrives. Going back online ends a pause early.
 */
export class SubmissionController implements ReactiveController {
  state: SendState = { kind: 'idle' };
  /** Pauses before each retry, in milliseconds; their number is the number of retries. */
  retryDelays: readonly number[] = [1000, 2000, 4000, 8000, 16000];
  #wake: (() => void) | undefined;
  readonly #onOnline = () => this.retryNow();
  /** URLs the page's CSP refused to connect to lately (`securitypolicyviolation` on the document). */
  #violations: string[] = [];
  readonly #onViolation = (e: SecurityPolicyViolationEvent) => {
    if (e.effectiveDirective === 'connect-src' || e.violatedDirective.startsWith('connect-src')) this.#violations = [...this.#violations.slice(-9), e.blockedURI];
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onRetry: (info: { status?: number; delayMs: number; attempt: number; cause?: unknown }) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.#onOnline);
    document.addEventListener('securitypolicyviolation', this.#onViolation);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#onOnline);
    document.removeEventListener('securitypolicyviolation', this.#onViolation);
  }

  /** Ends the current pause and tries at once. */
  retryNow(): void {
    this.#wake?.();
  }

  #set(state: SendState) {
    this.state = state;
    this.host.requestUpdate();
  }

  async send(request: SendRequest): Promise<SendOutcome> {
    for (let attempt = 0; ; attempt++) {
      this.#set({ kind: 'sending' });
      let response: Response | undefined;
      let cause: unknown;
      this.#violations = [];
      try {
        response = await fetch(request.url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'Accept-Language': request.locale,
            'Idempotency-Key': request.idempotencyKey,
            ...request.headers,
          },
          body: request.body,
        });
      } catch (e) {
        cause = e;
        const blocked = await this.#blocked(request.url);
        if (blocked) return blocked;
      }
      if (response?.ok) {
        const body: unknown = await response.json().catch(() => ({}));
        this.#set({ kind: 'idle' });
        return { kind: 'accepted', response: body };
      }
      const transient = response === undefined || TRANSIENT.has(response.status);
      if (response && (!transient || attempt >= this.retryDelays.length)) return this.#answered(response, transient);
      if (!response && attempt >= this.retryDelays.length) {
        this.#set({ kind: 'failed' });
        return { kind: 'failed' };
      }
      const delayMs = retryAfterMs(response) ?? this.retryDelays[attempt]!;
      this.#set({ kind: 'waiting', seconds: Math.ceil(delayMs / 1000), attempt: attempt + 1 });
      this.onRetry({ status: response?.status, delayMs, attempt: attempt + 1, cause });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** A request the browser stopped: no retries (the next would be stopped as well), and the cause in the console. */
  async #blocked(href: string): Promise<SendOutcome | undefined> {
    // The document reports a CSP violation in a task of its own, which may come after fetch has rejected.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const url = new URL(href);
    const cause = blockedCause(url, this.#violations);
    if (!cause) return undefined;
    console.error(blockedAdvice(cause, url));
    this.#set({ kind: 'blocked', cause });
    return { kind: 'blocked', cause };
  }

  /** The end of a send the server answered and that will not be tried again: field errors, a refusal, or a failure. */
  async #answered(response: Response, transient: boolean): Promise<SendOutcome> {
    const body = ((await response.json().catch(() => ({}))) ?? {}) as ErrorBody;
    const errors = response.status === 422 ? fieldErrorsOf(body) : undefined;
    if (errors) {
      this.#set({ kind: 'idle' });
      return { kind: 'invalid', errors, status: response.status };
    }
    const refusal = refusalOf(response.status, body);
    // An answer worth retrying, after the retries ran out: "try again later" is then true. Any other is final,
    // and the server's own words say why.
    if (refusal && !transient) {
      this.#set({ kind: 'refused', refusal });
      return { kind: 'refused', refusal };
    }
    const failed = { kind: 'failed', status: response.status, ...(refusal ? { code: refusal.code } : {}) } as const;
    this.#set(failed);
    return failed;
  }
}
