import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ValidationError } from '@civicflow/core/runtime';

/** Where sending stands, for the element to show. */
export type SendState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'waiting'; readonly seconds: number; readonly attempt: number }
  | { readonly kind: 'failed'; readonly status?: number };

/** How a send ended. */
export type SendOutcome =
  | { readonly kind: 'accepted'; readonly response: unknown }
  | { readonly kind: 'invalid'; readonly errors: ValidationError[]; readonly status: number }
  | { readonly kind: 'failed'; readonly status?: number };

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
  return Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && typeof (e as ValidationError).pointer === 'string');
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

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onRetry: (info: { status?: number; delayMs: number; attempt: number; cause?: unknown }) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#onOnline);
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
      }
      if (response?.ok) {
        const body: unknown = await response.json().catch(() => ({}));
        this.#set({ kind: 'idle' });
        return { kind: 'accepted', response: body };
      }
      if (response?.status === 422) {
        const body = (await response.json().catch(() => ({}))) as { errors?: unknown };
        this.#set({ kind: 'idle' });
        return { kind: 'invalid', errors: isErrorList(body.errors) ? body.errors : [], status: 422 };
      }
      const transient = response === undefined || TRANSIENT.has(response.status);
      if (!transient || attempt >= this.retryDelays.length) {
        this.#set({ kind: 'failed', status: response?.status });
        return { kind: 'failed', status: response?.status };
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
}
