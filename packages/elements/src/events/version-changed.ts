/**
 * Fired by `<cf-form>` when the person went on in a newer version of the program, after the server refused to take
 * the form in the version it was loaded in (`VERSION_SUPERSEDED`) and the person chose to continue. The form now
 * shows the newer version with the answers it could carry; its `src` and `action` point to that version. A host page
 * that keeps its own links to the program, or says which version it shows, can follow it.
 */
export class CfVersionChangedEvent extends Event {
  readonly detail: {
    /** The program's id. */
    readonly program: string;
    /** The version the form was loaded in, which the server no longer takes. */
    readonly from: string;
    /** The version the form shows now. */
    readonly to: string;
    /** JSON Pointers (in the older version's data) of the answers that could not be carried over. */
    readonly notCarried: readonly string[];
    /** The URL the form now loads its program from (its `src`). */
    readonly src: string;
    /** The URL the form now sends to (its `action`). */
    readonly action: string;
  };

  constructor(detail: CfVersionChangedEvent['detail']) {
    super('cf-version-changed', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-version-changed': CfVersionChangedEvent;
  }
}
