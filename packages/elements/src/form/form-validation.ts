// The code that checks a form's answers and words its problems (core's `validateWith`: the mapping of errors, the
// input guard, the German and English messages). The embed build puts it into a file of its own beside the bundle,
// `cf-form.validation.js`, which <cf-form> imports at the person's first focus or keystroke (form-validation-lazy.ts).
export { validateWith } from '@civicflow/core/runtime';
