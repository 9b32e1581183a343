import { validate, type InputLimits, type Program, type ValidationResult } from '@civicflow/core';

export interface ValidateSubmissionOptions {
  /** Locale of the messages; defaults to the program's first locale. */
  locale?: string;
  /** Limits on the data (depth, string length, number of values); core's defaults otherwise. */
  limits?: InputLimits;
}

/**
 * Checks submitted data for a form as the browser widget does: the same function of core, so for data the widget
 * makes the result (valid, the data with hidden fields removed, and localised errors with JSON pointers and codes)
 * is identical; data from elsewhere also meets the whole input guard (see docs/errors.md).
 * Never throws for any data; throws `UnknownFormError` for a form id the program lacks.
 */
export function validateSubmission(program: Program, formId: string, body: unknown, options: ValidateSubmissionOptions = {}): ValidationResult {
  return validate(program, formId, body, options);
}
