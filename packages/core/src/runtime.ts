// The browser-safe part of core: validation with precompiled validators, no schema compilation, no Ajv.
// Everything here comes from runtime/ (and the messages and model it uses); nothing from compile/.
export { fromValidatorsModule, definitionLocale, validateWith, visibilityWith } from './runtime/from-validators-module.js';
export type { ValidatorsModule, ModulePlan, FromModuleOptions, CompiledProgram, DefinitionDocument } from './runtime/from-validators-module.js';
export type { ValidationError, ValidationResult, RawError } from './runtime/validation-error.js';
export type { ValidateOptions, CompiledValidator, FormValidators, FormPlan, InputGuard } from './runtime/run-validation.js';
export type { FormVisibility } from './runtime/form-state.js';
export type { InputLimits } from './runtime/check-input.js';
export { forbiddenKeys, isForbiddenKey } from './runtime/check-input.js';
export type { Program, ProgramDefinition, DeepReadonly } from './model/program.js';
export type * as Api from './model/api.js';
export { mapErrors, createMessageSource, messageFor, isUnderAny, maxErrors } from './runtime/map-errors.js';
export { parsePointer, pointerToFieldPath, escapePointerToken, unescapePointerToken } from './runtime/pointer.js';
export { formLayout } from './runtime/layout.js';
export type { FormLayout, LaidOutPage, LaidOutField, ConditionSite } from './runtime/layout.js';
export type { FieldInfo, FieldKind } from './runtime/form-fields.js';
export { textKeys } from './runtime/text-keys.js';
export { languageOf, matchLocale, forLocale } from './runtime/locale.js';
export { builtInLocales, builtInMessages, fillMessage } from './messages/index.js';
export { UnknownFormError, DefinitionMismatchError, DefinitionMissingError, DurationInvalidError } from './runtime/errors.js';
export type { CoreErrorCode } from './runtime/errors.js';
export { redact, personalFields, keptByLaw, withoutPersonalData } from './runtime/redact.js';
export { addDuration, isDuration } from './runtime/duration.js';
export type { KeptByLaw, PersonalField, RedactOptions, RetentionClock } from './runtime/redact.js';
export { chooseControl, choicesOf, controlTesters, rankWith } from './runtime/controls/choose-control.js';
export type { ControlKind, ControlTester } from './runtime/controls/choose-control.js';
export { listFormFields } from './runtime/form-fields.js';
export { FormSession } from './runtime/form-session.js';
export type { Place, ShownError } from './runtime/form-session.js';
