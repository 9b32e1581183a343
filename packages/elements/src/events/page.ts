/** Fired by `<cf-form>` when another step is shown: a page of the form, or the review. */
export class CfPageEvent extends Event {
  readonly detail: {
    /** The page id, or `review`. */
    readonly page: string;
    /** Position among the steps shown, from 1. */
    readonly step: number;
    readonly steps: number;
  };

  constructor(detail: CfPageEvent['detail']) {
    super('cf-page', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-page': CfPageEvent;
  }
}
