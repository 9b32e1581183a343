/** Fired by `<cf-case-inbox>` and `<cf-case-status>` when the server has applied a workflow event to a case. */
export class CfEventSentEvent extends Event {
  readonly detail: {
    readonly caseId: string;
    /** The event sent (`AGREE_PLAN`, …). */
    readonly event: string;
    /** The state the case is in afterwards. */
    readonly state: string;
    /** The case's new version. */
    readonly version: number;
  };

  constructor(detail: CfEventSentEvent['detail']) {
    super('cf-event-sent', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-event-sent': CfEventSentEvent;
  }
}
