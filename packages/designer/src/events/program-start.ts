/**
 * Fired by `<cf-program-start>` when the designer asked for a new program and it was made: `text` is the program's
 * file, `said` what to read out (the template used, or what the FIM import brought and warned about).
 */
export class CfProgramStartEvent extends Event {
  readonly detail: { readonly text: string; readonly said: string; readonly report?: { readonly notes: readonly string[]; readonly warnings: readonly string[] } };

  constructor(detail: CfProgramStartEvent['detail']) {
    super('cf-program-start', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-program-start': CfProgramStartEvent;
  }
}
