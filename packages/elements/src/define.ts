// Registers civicflow's elements. Importing this module is the one side effect of the package; each tag is
// defined once, so a page that loads two copies (say, two embeds) does not throw.
import { CfForm } from './form/form.js';
import { CfField } from './field/field.js';
import { CfErrorSummary } from './error-summary/error-summary.js';
import { CfSteps } from './steps/steps.js';
import { CfReview } from './review/review.js';
import { useDateProblem } from './internal/memorable-date.js';
import { dateProblem } from './internal/date-problem.js';

const elements: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['cf-field', CfField],
  ['cf-error-summary', CfErrorSummary],
  ['cf-steps', CfSteps],
  ['cf-review', CfReview],
  ['cf-form', CfForm],
];

for (const [tag, element] of elements) if (!customElements.get(tag)) customElements.define(tag, element);

// A memorable date's error names the wrong box (the embed bundle hands this over with the code that checks answers).
useDateProblem(dateProblem);

export { CfForm, CfField, CfErrorSummary, CfSteps, CfReview };
