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

// Reading a saved draft (to offer it when a form starts) and deleting it. Writing one is `DraftController`'s job, which
// comes after the first page (see form-drafts.ts). Storage that is blocked or missing (private modes) is not an error:
// the form keeps working, only without drafts.

export function readDraft(key: string | undefined): Draft | undefined {
  if (!key) return undefined;
  try {
    const raw = localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as Draft) : undefined;
    return draft && draft.v === 1 && typeof draft.data === 'object' && draft.data !== null ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function removeDraft(key: string | undefined): void {
  if (!key) return;
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to remove where storage is blocked.
  }
}
