// @civicflow/elements: the intake widget. Import `@civicflow/elements/define` to register the elements.
export { CfForm } from './form/form.js';
export { CfField } from './field/field.js';
export type { UploadHook } from './field/field.js';
export { CfErrorSummary } from './error-summary/error-summary.js';
export type { SummaryItem } from './error-summary/error-summary.js';
export { CfSteps } from './steps/steps.js';
export type { Step } from './steps/steps.js';
export { CfReview } from './review/review.js';
export { CfChangeEvent } from './events/change.js';
export { CfPageEvent } from './events/page.js';
export { CfSubmitEvent } from './events/submit.js';
export { CfSubmittedEvent } from './events/submitted.js';
export { CfErrorEvent } from './events/error.js';
export type { CfErrorKind } from './events/error.js';
export { uiStrings, builtInUiLocales } from './internal/ui-strings.js';
export type { UiStrings } from './internal/ui-strings.js';
export type { ProgramSource } from './internal/load-program.js';
