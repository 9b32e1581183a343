/**
 * Fired by `<cf-workflow-outline>` after it changed the document it was given (a state, event, transition, guard,
 * timer, outcome or sum): the host checks the working copy again and reads `said` out to the designer.
 */
export class CfWorkflowEditEvent extends Event {
  readonly detail: { readonly said: string };

  constructor(detail: CfWorkflowEditEvent['detail']) {
    super('cf-workflow-edit', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-workflow-edit': CfWorkflowEditEvent;
  }
}
