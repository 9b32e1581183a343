/** What the import could not carry over exactly; each entry names the FIM element it is about. */
export type ImportWarningCode =
  | 'CODELIST_MISSING'
  | 'CODELIST_EMPTY'
  | 'SELECT_WITHOUT_VALUES'
  | 'PRAEZISIERUNG_INVALID'
  | 'PATTERN_UNSAFE'
  | 'DATATYPE_UNKNOWN'
  | 'FELDART_UNKNOWN'
  | 'LABEL_AS_HELP'
  | 'CODELIST_VERSION_DIFFERS'
  | 'RULE_NOT_UNDERSTOOD'
  | 'RULE_NOT_APPLIED';

/**
 * Why a rule was not turned into a condition: the first group the rule reader refuses (`RULE_NOT_UNDERSTOOD`), the
 * second the form cannot express (`RULE_NOT_APPLIED`). `fimText` gives each its German and English words.
 */
export type RuleReasonCode =
  | 'RULE_CALCULATION'
  | 'RULE_NO_TEXT'
  | 'RULE_NO_IF'
  | 'RULE_SENTENCES'
  | 'RULE_IF_TWICE'
  | 'RULE_NO_CONSEQUENCE'
  | 'RULE_CONSEQUENCE_UNKNOWN'
  | 'RULE_ONLY_UNCLEAR'
  | 'RULE_EITHER_UNCLEAR'
  | 'RULE_TOKEN_UNKNOWN'
  | 'RULE_EXCEPTION'
  | 'RULE_CONDITION_EMPTY'
  | 'RULE_NO_FIELD'
  | 'RULE_QUOTED_TEXTS'
  | 'RULE_WORDS_UNKNOWN'
  | 'RULE_COMPARISON_UNKNOWN'
  | 'RULE_COMPARES_NOTHING'
  | 'RULE_TWO_OPERANDS'
  | 'RULE_NUMBER_AND_VALUE'
  | 'RULE_YES_AND_NO'
  | 'RULE_TEST_UNCLEAR'
  | 'RULE_DAY_WITHOUT_AGE'
  | 'RULE_NO_TARGET'
  | 'RULE_ID_UNKNOWN'
  | 'RULE_ID_AMBIGUOUS'
  | 'RULE_IN_LIST'
  | 'RULE_TESTED_AND_TARGET'
  | 'RULE_GROUP_VALUE'
  | 'RULE_NOT_YES_NO'
  | 'RULE_NOT_NUMBER'
  | 'RULE_NOT_DATE'
  | 'RULE_AGE_NOT_DATE'
  | 'RULE_AGE_NO_DAY'
  | 'RULE_VALUE_UNKNOWN'
  | 'RULE_LABEL_AMBIGUOUS'
  | 'RULE_CODELIST_MISSING'
  | 'RULE_VALUE_INVALID';

/** Values a warning's or reason's words are filled with (ids, names, values as written). */
export type TextParams = Readonly<Record<string, string | number>>;

/** Why a rule was not applied: a stable code and the values its text names. */
export interface RuleReason {
  readonly code: RuleReasonCode;
  readonly params: TextParams;
}

export interface ImportWarning {
  readonly code: ImportWarningCode;
  /** The FIM id of the field, group or rule. */
  readonly fimId: string;
  /** The values the warning's words name; `fimText(locale, code, params)` gives them in German or English. */
  readonly params: TextParams;
  /** For `RULE_NOT_UNDERSTOOD` and `RULE_NOT_APPLIED`: why. */
  readonly reason?: RuleReason;
  /** The warning in English (`warningText(warning, 'de')` for German). */
  readonly message: string;
}

/** What became of one rule (Regel). */
export interface RuleOutcome {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  /** The free text of the rule, as written in the file. */
  readonly text: string;
  /**
   * `applied`: it is now a condition of the program (which names it in `x-fim-rule`); `not-understood`: its text
   * is not one the rule reader knows; `not-applied`: it was read, but the form cannot express it. The last two
   * are only listed here.
   */
  readonly status: 'applied' | 'not-understood' | 'not-applied';
  /** For an applied rule, what it became; for one not understood or not applied, why (in English). */
  readonly note: string;
  /** For a rule not understood or not applied: why, as a code with its values (`ruleReasonText` words it). */
  readonly reason?: RuleReason;
}

/** The report of one import. */
export interface ImportReport {
  /** `2.0` or `3.0.0`. */
  readonly standard: string;
  /** The FIM id and version of the imported schema (or group). */
  readonly fimId: string;
  readonly fimVersion: string;
  readonly fields: number;
  readonly groups: number;
  readonly warnings: readonly ImportWarning[];
  readonly rules: readonly RuleOutcome[];
  /** How many rules became conditions, of how many, and their share (`null` for a schema without rules). */
  readonly ruleSummary: { readonly applied: number; readonly total: number; readonly share: number | null };
  /** The code lists: which references were matched to a list, which stayed unresolved, which files were skipped. */
  readonly codeLists: CodeListSummary;
}

/** What became of the code lists an import was given and the ones its fields reference. */
export interface CodeListSummary {
  /** The references matched to a list supplied, as `canonicalVersionUri` (else the canonical URI and version). */
  readonly resolved: readonly string[];
  /** The references no list supplied matches. */
  readonly unresolved: readonly string[];
  /** Files of `codelistFiles` that are not genericode code lists, with the reason (its code and an English text). */
  readonly skipped: readonly CodeListSkip[];
}

/** A file skipped among the code lists: `NOT_XML`, `XDATENFELDER` (a schema), `NOT_GENERICODE` or `TOO_LARGE`. */
export interface CodeListSkip {
  readonly name: string;
  readonly code: 'NOT_XML' | 'XDATENFELDER' | 'NOT_GENERICODE' | 'TOO_LARGE';
  readonly reason: string;
}
