// The entry of the embed file (cf-form.embed.js, scripts/build-embed.mjs): the elements of define.ts but
// <cf-review>, which comes with the sending code (cf-form.sending.js) the widget fetches at the person's first
// focus or keystroke, long before the review (the form waits for it before it shows the review), and
// <cf-error-summary>, which comes with the validation code (cf-form.validation.js) fetched at the same moment: it
// lists problems only once answers were checked.
import { CfForm } from './form/form.js';
import { CfField } from './field/field.js';
import { CfSteps } from './steps/steps.js';

const elements: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['cf-field', CfField],
  ['cf-steps', CfSteps],
  ['cf-form', CfForm],
];

for (const [tag, element] of elements) if (!customElements.get(tag)) customElements.define(tag, element);

// The event the error summary's links and the review's "change" send to the form: both come in files of their own,
// and the class they share stays here rather than in a third file.
export { CfFocusFieldEvent } from './events/focus-field.js';
export { CfForm, CfField, CfSteps };
