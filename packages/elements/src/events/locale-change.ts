/**
 * Fired by `<cf-form>` when the person chose another language in its language switch (`language-switch`), after
 * the form's `locale` changed. A host page that shows text of its own around the form can follow it (set its
 * `lang` and its own words), so that the page never claims a language its text is not in.
 */
export class CfLocaleChangeEvent extends Event {
  readonly detail: {
    /** The locale chosen, one of the program's. */
    readonly locale: string;
  };

  constructor(detail: CfLocaleChangeEvent['detail']) {
    super('cf-locale-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-locale-change': CfLocaleChangeEvent;
  }
}
