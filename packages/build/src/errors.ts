/** Codes of the errors the build throws for options that do not fit the program. Callers branch on these. */
export type BuildErrorCode = 'FORM_UNKNOWN' | 'LOCALE_UNKNOWN' | 'LOCALES_EMPTY' | 'PUBLIC_PATH_INVALID';

/**
 * Options that ask for what the program does not have: a form, a locale, or no locale at all. A `RangeError`,
 * as the build threw before its errors had codes: a value outside what the program offers.
 */
export class BuildError extends RangeError {
  constructor(
    readonly code: BuildErrorCode,
    message: string,
    /** The form, locale or public path asked for. */
    readonly value?: string,
  ) {
    super(`${message} [${code}]`);
    this.name = 'BuildError';
  }
}
