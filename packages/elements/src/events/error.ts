import type { ValidationError } from '@civicflow/core/runtime';

/** What went wrong, for `cf-error`. */
export type CfErrorKind = 'load' | 'network' | 'server' | 'validation' | 'upload';

/** Fired by `<cf-form>` when loading, sending or uploading failed, or the server refused the data. */
export class CfErrorEvent extends Event {
  readonly detail: {
    readonly kind: CfErrorKind;
    /** The HTTP status, when there was an answer. */
    readonly status?: number;
    /** The server's error code: the workflow's (`CASE_FINAL`, …) where it refused the step, else the API's. */
    readonly code?: string;
    /** The server's own message for the person, in the form's language. */
    readonly message?: string;
    /** Why the browser would not send the data (`kind: 'network'`): the page's CSP, CORS, or mixed content. */
    readonly blocked?: 'csp' | 'cors' | 'mixed';
    /** The server's field errors (`kind: 'validation'`). */
    readonly errors?: readonly ValidationError[];
    /** Whether the form will try again by itself. */
    readonly willRetry: boolean;
    readonly cause?: unknown;
  };

  constructor(detail: CfErrorEvent['detail']) {
    super('cf-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cf-error': CfErrorEvent;
  }
}
