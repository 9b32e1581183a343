export { ProgramDocument } from './document/program-document.js';
export type { Operation } from './document/program-document.js';
export { toPointer, toPath, valueAt } from './document/json-path.js';
export type { JsonPath } from './document/json-path.js';
export { positionOf } from './document/json-text.js';
export { DesignerError } from './errors.js';
export type { DesignerErrorCode } from './errors.js';
export { conditionWords, designerWords, formRuleWords, ruleErrorWords, uiText } from './strings.js';
export type { DesignerLocale } from './strings.js';
export {
  outline,
  findField,
  localesOf,
  textsOf,
  textOperations,
  addField,
  removeField,
  renameField,
  setLabel,
  setHelp,
  setRequired,
  setConstraint,
  moveField,
  moveFieldToPage,
  duplicateField,
  addPage,
  setPageTitle,
  optionsOf,
  addOption,
  removeOption,
  moveOption,
  setOptionLabel,
  addChildField,
  removeChildField,
  removePage,
  movePage,
  addForm,
} from './model/form-model.js';
export type { FieldInfo, PageInfo, FormInfo, AddFieldOptions, Constraint, FieldRef, OptionInfo } from './model/form-model.js';
export { moveFieldTo, referencesTo } from './model/group-move.js';
export { formRules, describeFormRule } from './model/form-rules.js';
export type { FormRule, FormRuleWords } from './model/form-rules.js';
export { addDerivedValue, setDerived, derivedOf, derivedExpression, readDerived, expressionError, sourceFields, sourcesFor, derivedKinds } from './model/derived-values.js';
export type { DerivedSpec, DerivedKind, AddDerivedOptions, SourceField } from './model/derived-values.js';
export {
  addFieldRule,
  changeFieldRule,
  removeFieldRule,
  fieldRules,
  setRuleErrorText,
  ruleErrorTexts,
  setJsonRule,
  compareOpsFor,
  comparableFields,
  relativePointer,
  keywordOf,
} from './model/field-rules.js';
export type { CompareOp, FieldRule, JsonRule, RulePlace, RuleTexts, RuleErrorWords } from './model/field-rules.js';
export type { MoveTarget, FieldReference } from './model/group-move.js';
export {
  conditionSchema,
  parseCondition,
  describeCondition,
  operatorsFor,
  showWhen,
  setShowWhen,
  pageWhen,
  setPageWhen,
  requiredWhen,
  setRequiredWhen,
  conditionFromJson,
} from './model/conditions.js';
export type { Condition, Rule, Operator, Scalar, ConditionWords, Namer, RequiredWhen } from './model/conditions.js';
export { textTable, setText, exportCsv, importCsv, exportXliff, importXliff, applyTextChanges } from './model/texts.js';
export type { TextTable, TextRow, TextChange, TextImport } from './model/texts.js';
export { sampleData, removedPaths } from './model/sample-data.js';
export { kindOf, newFieldSchema, addableKinds } from './model/field-kinds.js';
export type { FieldKind, AddableKind } from './model/field-kinds.js';
export { placeOf } from './model/problem-place.js';
export type { Place } from './model/problem-place.js';
export { CfDesignerSaveEvent, CfDesignerChangeEvent } from './events/designer-save.js';
export { CfWorkflowView } from './workflow/workflow-view.js';
export { CfRolesTable } from './workflow/roles-table.js';
export { CfRolesEditEvent } from './events/roles-edit.js';
export { rolesMatrix, setRoleAllowed, roleKeyFor, addRole, setRoleTitle, removeRole, renameRole, SYSTEM_ROLE } from './model/roles.js';
export type { RolesMatrix, RoleInfo, EventRow, RoleRemoval } from './model/roles.js';
export { workflowSource, problemTarget, placeProblems, stateWords, edgeKey } from './model/workflow-model.js';
export type { ProblemTarget, PlacedProblems, StateWords, TransitionWords } from './model/workflow-model.js';
export { changeWords } from './model/change-words.js';
export type { ChangeGroups } from './model/change-words.js';
export { CfDraftPanel } from './server/draft-panel.js';
export { CfSimulationPanel } from './workflow/simulation-panel.js';
export { CfSimulationStateEvent, CfWalkSaveEvent } from './events/simulation.js';
export { openCase, sendEvent, moveClock, clockTo, undoStep, replay, offeredEvents, nextTimer, caseOf, openingRoles, openingForm, stepWords, toWalk, walkText, readWalk, checkWalks, mismatchWords, WALK_NAME } from './model/simulation.js';
export type { Simulation, SimulationStep, StepWords, SavedWalk, WalkCheck } from './model/simulation.js';
export { newProgramText, templateIds } from './model/templates.js';
export type { TemplateId, NewProgramOptions } from './model/templates.js';
export { addFimForm, programFromFim } from './model/fim-form.js';
export type { ChosenFile, FimImport } from './model/fim-form.js';
export { CfProgramStart } from './start/program-start.js';
export { CfProgramStartEvent } from './events/program-start.js';
export { CfWorkflowOutline } from './workflow/workflow-outline.js';
export { CfWorkflowEditEvent } from './events/workflow-edit.js';
export { CfWorkflowSelectEvent } from './events/workflow-select.js';
export type { WorkflowSelection } from './events/workflow-select.js';
export { outlinePlace, outlineKey, placeOutlineProblems } from './model/workflow-model.js';
export type { OutlinePlace } from './model/workflow-model.js';
export {
  workflowOutline,
  stateKeyFor,
  eventKeyFor,
  addState,
  setStateTitle,
  renameState,
  removeState,
  setInitial,
  setFinal,
  setApplicantText,
  setApplicantDue,
  dueEvents,
  addEvent,
  setEventTitle,
  renameEvent,
  removeEvent,
  setEventForm,
  addTransition,
  removeTransition,
  setTarget,
  setGuard,
  guardSchema,
  parseGuard,
  setTransitionOutcome,
  addOutcome,
  removeOutcome,
  setSum,
  removeSum,
  durationParts,
  isoDuration,
  momentIn,
  momentParts,
  timerWhen,
  addTimer,
  setTimerWhen,
  setTimerSend,
  setTimerLate,
  removeTimer,
  ANY_STATE_KEY,
  APPLICANT_PARTS,
} from './model/workflow-edit.js';
export {
  DEFAULT_ZONE,
  actionWords,
  addPeriod,
  addPlaces,
  limitsOf,
  periodsOf,
  placesOf,
  removePeriod,
  removePlaces,
  setPeriodText,
  setPeriodTimes,
  setPlaces,
  setPlacesTitle,
  setSubmissionPeriods,
  setSumReleasedIn,
  setTakesPlace,
  setTransitionLimit,
  setWaitingList,
  setWithinBudget,
  submissionPeriods,
  sumsOf,
} from './model/workflow-limits.js';
export type { PeriodInfo, PeriodTimes, PlacesInfo, PlacesSettings, SumInfo, TransitionLimit } from './model/workflow-limits.js';
export { problemsWithTitles } from './model/problem-titles.js';
export type { WorkflowOutline, StateInfo, EventInfo, TransitionInfo, TransitionRef, TimerInfo, TimerWhen, DurationUnit, GuardParts, SumSettings, StateRemoval, ApplicantPart } from './model/workflow-edit.js';
