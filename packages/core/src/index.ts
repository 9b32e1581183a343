export { loadProgram } from './load-program.js';
export type { LoadProgramOptions } from './load-program.js';
export { ProgramError, UnknownFormError } from './errors.js';
export type { Issue, IssueCode } from './errors.js';
export { validate } from './validate.js';
export { checkInput } from './check-input.js';
export { visibleFields, visiblePages } from './visible.js';
export { generateValidatorsSource } from './standalone.js';
export { isPatternSafe } from './checks/check-subschemas.js';
export { workflowTextKeys } from './checks/check-texts.js';
export { createAjv } from './create-ajv.js';
export type { CheckContext, ProgramCheck } from './checks/context.js';
export { toPointer, parsePointer, escapePointerToken } from './pointer.js';
export { canonicalJson } from './canonical-json.js';
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
export type {
  WorkflowOpen,
  WorkflowEvent,
  WorkflowState,
  Transition,
  WorkflowAction,
  StateTimer,
  Deadline,
} from './model/generated/program.js';
export * from './runtime.js';
