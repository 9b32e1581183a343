/** Fired by `<cf-form>` after a person changed a value. */
export class CfChangeEvent extends Event {
  readonly detail: {
    /** JSON Pointer of the changed field. */
    readonly pointer: string;
    /** The new value (undefined when the field was emptied). */
    readonly value: unknown;
    /** All the form's data after the change, hidden fields included. */
    readonly data: unknown;
  };

  constructor(detail: CfChangeEvent['detail']) {
    super('cf-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-change': CfChangeEvent;
  }
}
