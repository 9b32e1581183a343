/** Fired by `<cf-case-status>` and `<cf-case-inbox>` when a case has been loaded from the server. */
export class CfCaseLoadedEvent extends Event {
  readonly detail: {
    /** The case id. */
    readonly caseId: string;
    /** The state the case is in. */
    readonly state: string;
    /** The case's version (for `If-Match`). */
    readonly version: number;
  };

  constructor(detail: CfCaseLoadedEvent['detail']) {
    super('cf-case-loaded', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-case-loaded': CfCaseLoadedEvent;
  }
}
