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
  | 'RULE_NOT_UNDERSTOOD';

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
  /** `applied`: it is now a condition of the program; `not-understood`: it is only listed here. */
  readonly status: 'applied' | 'not-understood';
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
}
