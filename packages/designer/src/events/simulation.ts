/**
 * Fired by `<cf-simulation-panel>` when the simulated case's state changed: the designer highlights it on the diagram.
 * `state` is undefined when no case is open.
 */
export class CfSimulationStateEvent extends Event {
  readonly detail: { readonly state: string | undefined };

  constructor(detail: CfSimulationStateEvent['detail']) {
    super('cf-simulation-state', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * Fired by `<cf-simulation-panel>` (and so by `<cf-program-designer>`) to save a walk as a test case: the host writes
 * `text` to `cases/workflow-<name>.json` beside the program and gives the designer the saved walks again (`walks`).
 * `replace` is set when the designer confirmed replacing a saved walk of that name.
 */
export class CfWalkSaveEvent extends Event {
  readonly detail: { readonly name: string; readonly text: string; readonly replace: boolean };

  constructor(detail: CfWalkSaveEvent['detail']) {
    super('cf-walk-save', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-simulation-state': CfSimulationStateEvent;
    'cf-walk-save': CfWalkSaveEvent;
  }
}
