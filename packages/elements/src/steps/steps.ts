import { html, nothing } from '../internal/lit.js';
import { BaseElement } from '../internal/base-element.js';
import type { UiStrings } from '../internal/ui-strings.js';
import { fillString } from '../internal/ui-strings.js';

/** One step of the indicator. */
export interface Step {
  readonly label: string;
  readonly state: 'done' | 'current' | 'todo';
}

/**
 * @summary The step indicator of a `<cf-form>`: "Step 2 of 5" and the list of steps, the current one
 * marked with `aria-current="step"`. On narrow screens only the text remains.
 *
 * @csspart steps - The navigation landmark around the indicator.
 * @csspart steps-text - "Step n of m".
 * @csspart steps-list - The list of steps.
 * @csspart step - One step; `step-done` and `step-current` are added by state.
 */
export class CfSteps extends BaseElement {
  static override properties = {
    steps: { attribute: false },
    strings: { attribute: false },
  };

  declare steps: readonly Step[];
  declare strings: UiStrings;

  constructor() {
    super();
    this.steps = [];
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override render() {
    if (this.steps.length < 2 || !this.strings) return nothing;
    const current = this.steps.findIndex((s) => s.state === 'current') + 1;
    return html`<nav class="steps" part="steps" aria-label=${this.strings.progress}>
      <p class="steps-text" part="steps-text">${fillString(this.strings.stepOf, { current, total: this.steps.length })}</p>
      <ol class="steps-list" part="steps-list">
        ${this.steps.map(
          (s) => html`<li class="step ${s.state}" part="step step-${s.state}" aria-current=${s.state === 'current' ? 'step' : nothing}><span class="n">${s.label}</span></li>`,
        )}
      </ol>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-steps': CfSteps;
  }
}
