/**
 * Fired by `<cf-field>` inside `<cf-form>` when a person enters a value. It stays inside the form's shadow
 * root; hosts listen to `cf-change` instead.
 */
export class CfFieldInputEvent extends Event {
  readonly detail: {
    readonly pointer: string;
    readonly value: unknown;
    /** True for a finished choice (radio, select, checkbox, file): the field counts as visited at once. */
    readonly committed: boolean;
    /** The chosen file's name and size, for showing it again later. */
    readonly file?: { readonly name: string; readonly size: number };
  };

  constructor(detail: CfFieldInputEvent['detail']) {
    super('cf-field-input', { bubbles: true, composed: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-field-input': CfFieldInputEvent;
  }
}
