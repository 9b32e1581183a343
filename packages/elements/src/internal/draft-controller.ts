import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What is kept of an unfinished form in localStorage. */
export interface Draft {
  readonly v: 1;
  /** `program@version` and hash when saved; a draft of another program is never offered. */
  readonly program: string;
  readonly form: string;
  readonly data: Record<string, unknown>;
  /** The page id, or `review`. */
  readonly place: string;
  readonly savedAt: string;
  /** The idempotency key of a send that may have reached the server, and a fingerprint of the body it was for. */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
  /**
   * The answers as they were given in an older version of the program, kept after the person went on in a newer one
   * (the server no longer took the older), until the newer one is sent: `program` is that version's `program@version`.
   */
  readonly previous?: { readonly program: string; readonly data: Record<string, unknown> };
}

const DELAY_MS = 400;

/**
 * Saves drafts to localStorage, a moment after the last change and at once when the page is hidden or
 * the element leaves it. Storage that is full, blocked or missing (private modes) is not an error: the
 * form keeps working, only without drafts.
 */
export class DraftController implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: (() => Draft | undefined) | undefined;
  readonly #onHide = () => this.flush();

  constructor(
    host: ReactiveControllerHost,
    private readonly storageKey: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.#onHide);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.#onHide);
    this.flush();
  }

  read(): Draft | undefined {
    const key = this.storageKey();
    if (!key) return undefined;
    try {
      const raw = localStorage.getItem(key);
      const draft = raw ? (JSON.parse(raw) as Draft) : undefined;
      return draft && draft.v === 1 && typeof draft.data === 'object' && draft.data !== null ? draft : undefined;
    } catch {
      return undefined;
    }
  }

  /** Saves soon; `make` is called when the save happens, so it sees the latest data. */
  schedule(make: () => Draft | undefined): void {
    this.#pending = make;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), DELAY_MS);
  }

  flush(): void {
    clearTimeout(this.#timer);
    const make = this.#pending;
    this.#pending = undefined;
    const key = this.storageKey();
    const draft = make?.();
    if (!key || !draft) return;
    try {
      localStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // Full or blocked storage: the person keeps their answers on screen, just not across reloads.
    }
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#pending = undefined;
    const key = this.storageKey();
    if (!key) return;
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to remove where storage is blocked.
    }
  }
}
