// The code that checks a form's answers and words their problems (core's `validateWith`: the mapping of errors, the
// input guard, the German and English messages), and the error summary that lists those problems, which shows only
// once answers were checked. The embed build puts it into a file of its own beside the bundle, `cf-form.validation.js`,
// which <cf-form> imports at the person's first focus or keystroke (form-validation-lazy.ts) and whose styles it adds
// to its shadow root.
import { CfErrorSummary } from '../error-summary/error-summary.js';
import { errorSummaryStyles } from '../error-summary/error-summary.styles.js';

export { validateWith } from '@civicflow/core/runtime';

export const styles = [errorSummaryStyles];

if (!customElements.get('cf-error-summary')) customElements.define('cf-error-summary', CfErrorSummary);
