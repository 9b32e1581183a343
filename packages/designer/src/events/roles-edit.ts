/**
 * Fired by `<cf-roles-table>` after it changed the document it was given (a tick set or cleared, a role added,
 * retitled or removed): the host checks the working copy again and reads `said` out to the designer.
 */
export class CfRolesEditEvent extends Event {
  readonly detail: { readonly said: string };

  constructor(detail: CfRolesEditEvent['detail']) {
    super('cf-roles-edit', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-roles-edit': CfRolesEditEvent;
  }
}
