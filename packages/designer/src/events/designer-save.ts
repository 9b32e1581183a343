import type { Issue } from '@civicflow/core';

/**
 * Fired by `<cf-program-designer>` when the designer saves: the host writes `text` (the dev server's page PUTs it).
 * `problems` are what `civicflow check` would refuse; with problems the event only comes after the designer
 * confirmed (`confirmed: true`).
 */
export class CfDesignerSaveEvent extends Event {
  readonly detail: { readonly text: string; readonly problems: readonly Issue[]; readonly confirmed: boolean };

  constructor(detail: CfDesignerSaveEvent['detail']) {
    super('cf-designer-save', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Fired by `<cf-program-designer>` after every change of the working copy (an edit, undo, redo). */
export class CfDesignerChangeEvent extends Event {
  readonly detail: { readonly text: string };

  constructor(detail: CfDesignerChangeEvent['detail']) {
    super('cf-designer-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-designer-save': CfDesignerSaveEvent;
    'cf-designer-change': CfDesignerChangeEvent;
  }
}
