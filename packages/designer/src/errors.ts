import { designerWords, type DesignerLocale } from './strings.js';

/** Codes of the edits the designer refuses. Callers branch on these, never on the message. */
export type DesignerErrorCode =
  | 'DESIGNER_NOT_JSON'
  | 'DESIGNER_PATH_MISSING'
  | 'DESIGNER_KEY_TAKEN'
  | 'DESIGNER_KEY_INVALID'
  | 'DESIGNER_PATTERN_INVALID'
  | 'DESIGNER_PATTERN_UNSAFE'
  | 'DESIGNER_CONSTRAINT_INVALID'
  | 'DESIGNER_OPTION_INVALID'
  | 'DESIGNER_LAST_OPTION'
  | 'DESIGNER_LAST_CHILD'
  | 'DESIGNER_LAST_PAGE'
  | 'DESIGNER_CONDITION_INVALID'
  | 'DESIGNER_IMPORT_INVALID'
  | 'DESIGNER_IMPORT_LOCALE'
  | 'DESIGNER_EVENT_NEEDS_SENDER'
  | 'DESIGNER_ROLE_TITLE_EMPTY'
  | 'DESIGNER_ROLE_LAST'
  | 'DESIGNER_ROLE_NEEDED'
  | 'DESIGNER_PROGRAM_ID_INVALID'
  | 'DESIGNER_PROGRAM_TITLE_EMPTY'
  | 'DESIGNER_LOCALES_INVALID'
  | 'DESIGNER_FIM_INVALID'
  | 'DESIGNER_TITLE_EMPTY'
  | 'DESIGNER_STATE_NEEDED'
  | 'DESIGNER_FINAL_EXITS'
  | 'DESIGNER_DUE_UNKNOWN'
  | 'DESIGNER_EVENT_IN_USE'
  | 'DESIGNER_FORM_MERGED'
  | 'DESIGNER_OUTCOME_IN_USE'
  | 'DESIGNER_SUM_IN_USE'
  | 'DESIGNER_TIMER_INVALID'
  | 'DESIGNER_TIMER_EVENT'
  | 'DESIGNER_TIMER_TOLD'
  | 'DESIGNER_PERIOD_INVALID'
  | 'DESIGNER_PERIOD_IN_USE'
  | 'DESIGNER_PLACES_INVALID'
  | 'DESIGNER_PLACES_IN_USE'
  | 'DESIGNER_LIMIT_INVALID'
  | 'DESIGNER_MOVE_INTO_ITSELF'
  | 'DESIGNER_MOVE_NAMED'
  | 'DESIGNER_MOVE_NAMED_DERIVED'
  | 'DESIGNER_MOVE_NAMED_RULE'
  | 'DESIGNER_MOVE_DERIVED_IN_LIST'
  | 'DESIGNER_MOVE_OWN_CONDITION'
  | 'DESIGNER_EXPRESSION_SYNTAX'
  | 'DESIGNER_EXPRESSION_INCOMPLETE'
  | 'DESIGNER_EXPRESSION_NOT_ALLOWED'
  | 'DESIGNER_EXPRESSION_FUNCTION'
  | 'DESIGNER_EXPRESSION_ARGUMENTS'
  | 'DESIGNER_EXPRESSION_FIELD'
  | 'DESIGNER_DERIVED_SELF'
  | 'DESIGNER_DERIVED_DATE'
  | 'DESIGNER_RULE_OTHER'
  | 'DESIGNER_RULE_DIFFERS_PLACE'
  | 'DESIGNER_RULE_TAKEN';

/**
 * An edit the designer refuses; the document is left exactly as it was. `message` is in the locale asked for
 * (German or English); `line` and `column` (1-based) say where text that is not JSON went wrong.
 */
export class DesignerError extends Error {
  constructor(
    readonly code: DesignerErrorCode,
    message: string,
    readonly detail: { line?: number; column?: number; pointer?: string; key?: string } = {},
  ) {
    super(`${message} [${code}]`);
    this.name = 'DesignerError';
  }

  /** The message alone, without the code, for a person. */
  get text(): string {
    return this.message.replace(/ \[[A-Z_]+\]$/, '');
  }
}

/** A localised `DesignerError`; placeholders `{name}` are filled from `params`. */
export function designerError(locale: DesignerLocale, code: DesignerErrorCode, params: Record<string, string | number> = {}, detail: DesignerError['detail'] = {}): DesignerError {
  const template = designerWords(locale).errors[code];
  return new DesignerError(code, template.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? '')), detail);
}
