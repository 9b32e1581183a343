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

export interface ImportWarning {
  readonly code: ImportWarningCode;
  /** The FIM id of the field, group or rule. */
  readonly fimId: string;
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
  /** For an applied rule, what it became; for one not understood, why. */
  readonly note: string;
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
