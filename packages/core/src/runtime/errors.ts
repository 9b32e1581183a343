/** Codes of the problems `loadProgram` finds in a definition. Callers branch on these, never on messages. */
export type IssueCode =
  | 'NOT_JSON'
  | 'SCHEMA_INVALID'
  | 'FORM_SCHEMA_INVALID'
  | 'FORM_ROOT_NOT_OBJECT'
  | 'FORM_SCHEMA_RECURSIVE'
  | 'PROPERTY_NAME_INVALID'
  | 'CONDITION_INVALID'
  | 'UI_FIELD_UNKNOWN'
  | 'UI_FIELD_DUPLICATE'
  | 'UI_FIELD_MISSING'
  | 'UI_PAGE_DUPLICATE'
  | 'UI_CHILDREN_NOT_GROUP'
  | 'UI_WIDGET_NOT_DATE'
  | 'TEXT_MISSING'
  | 'TEXT_LOCALE_UNKNOWN'
  | 'TEXT_STATE_UNKNOWN'
  | 'TEXT_KEY_UNKNOWN'
  | 'TEXT_DUE_WITHOUT_TIMER'
  | 'TEXT_DATE_MISSING'
  | 'WORKFLOW_DUE_UNKNOWN'
  | 'PATTERN_UNSAFE'
  | 'SCHEMA_DYNAMIC_REF'
  | 'SCHEMA_REF_LOOP'
  | 'RETENTION_INVALID'
  | 'RETENTION_BASIS_WITHOUT_RETENTION'
  | 'DERIVED_FIELD_INVALID'
  | 'DERIVED_CYCLE'
  | 'EXPRESSION_SYNTAX'
  | 'EXPRESSION_NOT_ALLOWED'
  | 'EXPRESSION_FUNCTION_UNKNOWN'
  | 'EXPRESSION_ARGUMENT_COUNT'
  | 'EXPRESSION_FIELD_UNKNOWN'
  | 'DATA_REF_KEYWORD'
  | 'DATA_REF_UNKNOWN'
  | 'FORM_UNKNOWN'
  | 'PERIOD_UNKNOWN'
  | 'PERIOD_END_BEFORE_START'
  | 'PERIOD_TIME_INVALID'
  | 'VERSIONS_DURATION_INVALID'
  | 'PERIOD_TIME_ZONE_INVALID'
  | 'MONITORING_FIELD_UNKNOWN'
  | 'MONITORING_DATE_NOT_DATE'
  | 'MONITORING_INPUT_UNKNOWN'
  | 'MONITORING_INPUT_MISSING'
  | 'MONITORING_INPUT_NOT_INTEGER'
  | 'MONITORING_INPUT_NOT_VALUE'
  | 'MONITORING_INPUT_NOT_LIST'
  | 'MONITORING_VALUE_MISSING'
  | 'MONITORING_MOMENT_MISSING'
  | 'MONITORING_INDICATOR_DUPLICATE'
  | 'WORKFLOW_TIMER_LATE_WITHOUT_MOMENT'
  | 'WORKFLOW_INVALID'
  | 'WORKFLOW_STATE_UNKNOWN'
  | 'WORKFLOW_STATE_UNREACHABLE'
  | 'WORKFLOW_STATE_DEAD_END'
  | 'WORKFLOW_FINAL_STATE_EXITS'
  | 'WORKFLOW_EVENT_UNKNOWN'
  | 'WORKFLOW_EVENT_UNUSED'
  | 'WORKFLOW_EVENT_NO_SENDER'
  | 'WORKFLOW_ROLE_UNKNOWN'
  | 'WORKFLOW_ROLE_RESERVED'
  | 'WORKFLOW_GUARD_FIELD_UNKNOWN'
  | 'WORKFLOW_GUARD_ROOT_UNKNOWN'
  | 'WORKFLOW_TRANSITION_SHADOWED'
  | 'WORKFLOW_FIELD_UNKNOWN'
  | 'WORKFLOW_MERGE_WITHOUT_FORM'
  | 'WORKFLOW_OUTCOME_UNKNOWN'
  | 'WORKFLOW_SUM_FIELD_INVALID'
  | 'WORKFLOW_PLACES_UNKNOWN'
  | 'WORKFLOW_BUDGET_UNKNOWN'
  | 'WORKFLOW_PLACE_NOT_HELD'
  | 'WORKFLOW_PLACE_BYPASSED'
  | 'WORKFLOW_WAITING_STATE_INVALID'
  | 'WORKFLOW_OFFER_NOT_ACCEPTED'
  | 'WORKFLOW_DEADLINE_UNKNOWN'
  | 'WORKFLOW_DEADLINE_UNUSED'
  | 'WORKFLOW_TIMER_EVENT_NOT_ACCEPTED'
  | 'WORKFLOW_DURATION_INVALID'
  | 'WORKFLOW_TIMER_WHEN'
  | 'NOTICE_ADDRESS_INVALID'
  | 'NOTICE_ADDRESS_MISSING'
  | 'NOTICE_PLACEHOLDER_UNKNOWN'
  | 'NOTICE_FIELD_UNKNOWN'
  | 'NOTICE_SUBJECT_MULTILINE'
  | 'NOTICE_TIMER_UNKNOWN'
  | 'MIGRATION_FROM_SELF'
  | 'MIGRATION_FROM_DUPLICATE'
  | 'MIGRATION_STATE_UNKNOWN'
  | 'MIGRATION_FIELD_UNKNOWN'
  | 'MIGRATION_MISSING'
  | 'MIGRATION_SOURCE_STATE_UNKNOWN'
  | 'MIGRATION_STATE_UNMAPPED'
  | 'MIGRATION_SOURCE_FIELD_UNKNOWN'
  | 'MIGRATION_TIMER_EVENT_UNKNOWN';

/** One problem in a program definition. */
export interface Issue {
  /** Stable code of the problem. */
  code: IssueCode;
  /** JSON Pointer (RFC 6901) to the offending place in the definition; `''` is the whole document. */
  pointer: string;
  /** A plain-language explanation, in the locale asked for. */
  message: string;
  /** Data that explains the problem, such as the unknown field or the missing locale. */
  params: Record<string, unknown>;
}

/**
 * Codes of the errors core's functions throw, one class each. A definition's own problems are `IssueCode`s,
 * listed together in one `ProgramError`. Callers branch on these, never on messages.
 */
export type CoreErrorCode = 'PROGRAM_INVALID' | 'FORM_UNKNOWN' | 'DEFINITION_MISMATCH' | 'DEFINITION_MISSING' | 'DERIVER_MISSING' | 'DURATION_INVALID';

/** Thrown by `loadProgram` when a definition has problems; `issues` lists every one of them. */
export class ProgramError extends Error {
  readonly code = 'PROGRAM_INVALID' as const;
  readonly issues: readonly Issue[];

  constructor(issues: Issue[], programId?: string) {
    const head = programId ? `Program "${programId}" is invalid` : 'Program is invalid';
    const lines = issues.map((i) => `  ${i.pointer || '/'}: ${i.message} [${i.code}]`);
    super(`${head}: ${issues.length} ${new Intl.PluralRules('en').select(issues.length) === 'one' ? 'problem' : 'problems'}\n${lines.join('\n')}`);
    this.name = 'ProgramError';
    this.issues = Object.freeze(issues.map((i) => Object.freeze(i)));
  }
}

/** Thrown when an API is called with a form id the program does not have. A `RangeError`: an id outside the program's. */
export class UnknownFormError extends RangeError {
  readonly code = 'FORM_UNKNOWN' as const;
  constructor(readonly programId: string, readonly formId: string) {
    super(`Program "${programId}" has no form "${formId}" [FORM_UNKNOWN]`);
    this.name = 'UnknownFormError';
  }
}

/** Thrown when a definition fetched for a validators module is of another version than the module's code. */
export class DefinitionMismatchError extends Error {
  readonly code = 'DEFINITION_MISMATCH' as const;
  constructor(readonly moduleHash: string, readonly documentHash: unknown) {
    super(`The definition (${String(documentHash).slice(0, 12)}) is not of the validators' version (${moduleHash.slice(0, 12)}) [DEFINITION_MISMATCH]`);
    this.name = 'DefinitionMismatchError';
  }
}

/**
 * Thrown when a validators module built with its definitions beside it is used without one. A `TypeError`, as
 * before it had a code: a missing argument.
 */
export class DefinitionMissingError extends TypeError {
  readonly code = 'DEFINITION_MISSING' as const;
  constructor() {
    super('This validators module has its definitions beside it: fetch one from its definitionUrls [DEFINITION_MISSING]');
    this.name = 'DefinitionMissingError';
  }
}

/**
 * Thrown by `fromValidatorsModule` for a module whose form has derived values (`x-derived`) but no code to work them
 * out: a module built before derived values existed, or edited. Build it again.
 */
export class DeriverMissingError extends TypeError {
  readonly code = 'DERIVER_MISSING' as const;
  constructor(readonly formId: string) {
    super(`The validators module has no code for the derived values of form "${formId}": build it again [DERIVER_MISSING]`);
    this.name = 'DeriverMissingError';
  }
}

/** Thrown by `addDuration` for a string that is not an ISO 8601 duration. A `RangeError`: a value out of its domain. */
export class DurationInvalidError extends RangeError {
  readonly code = 'DURATION_INVALID' as const;
  constructor(readonly duration: string) {
    super(`Not an ISO 8601 duration: ${duration} [DURATION_INVALID]`);
    this.name = 'DurationInvalidError';
  }
}
