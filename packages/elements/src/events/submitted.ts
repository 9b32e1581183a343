/** Fired by `<cf-form>` when the server has accepted the data (HTTP 2xx). */
export class CfSubmittedEvent extends Event {
  readonly detail: {
    /** The case reference from the answer, shown to the person. */
    readonly reference: string | undefined;
    /** The whole JSON answer (for example an applicant token). */
    readonly response: unknown;
  };

  constructor(detail: CfSubmittedEvent['detail']) {
    super('cf-submitted', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-submitted': CfSubmittedEvent;
  }
}
