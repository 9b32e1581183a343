import { addAllLocaleWords } from './messages/all-locales.js';

export { loadProgram } from './compile/load-program.js';
export type { LoadProgramOptions } from './compile/load-program.js';
export { ProgramError } from './runtime/errors.js';
export type { Issue, IssueCode } from './runtime/errors.js';
export { validate } from './compile/validate.js';
export { checkInput } from './runtime/check-input.js';
export { visibleFields, visiblePages } from './compile/visible.js';
export { isPatternSafe } from './compile/checks/check-subschemas.js';
export { parseExpression } from './compile/parse-expression.js';
export type { ParsedExpression, ExpressionProblem } from './compile/parse-expression.js';
export { workflowTextKeys } from './compile/checks/check-texts.js';
export { issueMessage } from './messages/issues.js';
export { checkMigration } from './compile/checks/check-migrations.js';
export { createAjv } from './compile/create-ajv.js';
export type { CreateAjvOptions } from './compile/create-ajv.js';
export type { CheckContext, ProgramCheck } from './compile/checks/context.js';
export { toPointer } from './runtime/pointer.js';
export { canonicalJson } from './compile/canonical-json.js';
export { monitoringPlan, readParticipant, missingWords, indicatorTitle, valueAt, GENDER_GROUPS } from './compile/monitoring/monitoring-plan.js';
export type { MonitoringPlan, ParticipantReading, PlannedIndicator, GenderGroup, NeededField } from './compile/monitoring/monitoring-plan.js';
export { indicatorSets, MONITORING_MOMENTS } from './compile/monitoring/indicator-sets.js';
export type { IndicatorSet, SetIndicator, SetInput, MonitoringMomentName } from './compile/monitoring/indicator-sets.js';
export type {
  Program,
  ProgramDefinition,
  Form,
  Ui,
  Page,
  FieldRef,
  FieldLayout,
  Condition,
  LocalisedText,
  Workflow,
  JsonSchema,
  DeepReadonly,
} from './model/program.js';
export type * as Api from './model/api.js';
export type {
  WorkflowOpen,
  WorkflowEvent,
  WorkflowState,
  Transition,
  WorkflowAction,
  StateTimer,
  Deadline,
  Migration,
  MigrationStep,
} from './model/generated/program.js';
export * from './runtime.js';

// On Node every locale's words are there from the start (a browser loads the one it shows).
addAllLocaleWords();
