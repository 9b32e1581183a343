import type { FormSession } from '@civicflow/core/runtime';
import type { UiStrings } from '../internal/ui-strings.js';
import type { CfForm } from './form.js';

/** What `<cf-form>` shows: loading, a failed load, the choice of a saved draft, the form, or the confirmation. */
export type Phase = 'loading' | 'failed' | 'resume' | 'form' | 'done';

/** The state of a `<cf-form>` that its controllers share; the element keeps it private and hands it to them. */
export interface FormContext {
  readonly host: CfForm;
  readonly internals: ElementInternals;
  session(): FormSession | undefined;
  phase(): Phase;
  setPhase(phase: Phase): void;
  strings(): UiStrings;
  /** Says something through the live region. */
  announce(text: string): void;
  /** What a chosen file is called in the person's language, by field pointer. */
  readonly fileLabels: Map<string, string>;
}
