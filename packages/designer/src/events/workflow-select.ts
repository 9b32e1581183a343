/** What is selected in the workflow: a state (`*` for every open state), and an event of it when one is. */
export interface WorkflowSelection {
  readonly state: string;
  readonly event?: string;
}

/**
 * Fired by `<cf-workflow-outline>` and `<cf-workflow-view>` when the designer selects a state or an event in them,
 * so that the host selects it in the other.
 */
export class CfWorkflowSelectEvent extends Event {
  readonly detail: WorkflowSelection;

  constructor(detail: WorkflowSelection) {
    super('cf-workflow-select', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-workflow-select': CfWorkflowSelectEvent;
  }
}
