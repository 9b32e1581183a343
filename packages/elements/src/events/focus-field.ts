/**
 * Asks `<cf-form>` to show a field and move focus to it: a link of the error summary, or "change" on the
 * review. Stays inside the form's shadow root.
 */
export class CfFocusFieldEvent extends Event {
  readonly detail: { readonly pointer: string };

  constructor(detail: CfFocusFieldEvent['detail']) {
    super('cf-focus-field', { bubbles: true, composed: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-focus-field': CfFocusFieldEvent;
  }
}
