// The entry of the embed file (cf-form.embed.js, scripts/build-embed.mjs): the elements of define.ts but
// <cf-review>, which comes with the sending code (cf-form.sending.js) the widget fetches at the person's first
// focus or keystroke, long before the review; the form waits for it before it shows the review.
import { CfForm } from './form/form.js';
import { CfField } from './field/field.js';
import { CfErrorSummary } from './error-summary/error-summary.js';
import { CfSteps } from './steps/steps.js';

const elements: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['cf-field', CfField],
  ['cf-error-summary', CfErrorSummary],
  ['cf-steps', CfSteps],
  ['cf-form', CfForm],
];

for (const [tag, element] of elements) if (!customElements.get(tag)) customElements.define(tag, element);

export { CfForm, CfField, CfErrorSummary, CfSteps };
