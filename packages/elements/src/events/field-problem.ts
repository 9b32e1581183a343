/** Fired by `<cf-field>` when a file was refused before any upload (type or size). */
export class CfFieldProblemEvent extends Event {
  readonly detail: { readonly pointer: string; readonly message: string | undefined };

  constructor(detail: CfFieldProblemEvent['detail']) {
    super('cf-field-problem', { bubbles: true, composed: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-field-problem': CfFieldProblemEvent;
  }
}
