/**
 * Fired by `<cf-form>` when valid data is about to be sent. Cancel it (`preventDefault()`) to send the data
 * yourself; the form then waits for `showConfirmation(reference)` or `showServerErrors(errors)`.
 */
export class CfSubmitEvent extends Event {
  readonly detail: {
    /** The data that will be sent: valid, without hidden fields. */
    readonly data: unknown;
    /** The key sent as the `Idempotency-Key` header; the same for every retry of the same data. */
    readonly idempotencyKey: string;
  };

  constructor(detail: CfSubmitEvent['detail']) {
    super('cf-submit', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-submit': CfSubmitEvent;
  }
}
