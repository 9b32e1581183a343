export { importFim, DEFAULT_MAX_BYTES } from './import-fim.js';
export type { ImportFimOptions } from './import-fim.js';
export { exportFitConnect } from './export-fit-connect.js';
export type { FitConnectSubmission } from './export-fit-connect.js';
export { FimError } from './errors.js';
export type { FimErrorCode } from './errors.js';
export type { CodeListSkip, CodeListSummary, ImportReport, ImportWarning, ImportWarningCode, RuleOutcome } from './report.js';
export { parseRule } from './parse-rule.js';
export type { Condition, Effect, ParsedRule, Reference, Test } from './parse-rule.js';
