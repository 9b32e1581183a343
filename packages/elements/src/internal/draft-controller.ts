import type { ReactiveController, ReactiveControllerHost } from './lit.js';
import type { Draft } from './draft-storage.js';

export type { Draft };

const DELAY_MS = 400;

/**
 * Saves drafts to localStorage, a moment after the last change and at once when the page is hidden or
 * the element leaves it. Storage that is full, blocked or missing (private modes) is not an error: the
 * form keeps working, only without drafts. Reading and deleting a draft is draft-storage.ts's.
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

  /** Drops a save still to come (the draft is being deleted). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#pending = undefined;
  }
}
