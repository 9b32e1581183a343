export { ProgramDocument } from './document/program-document.js';
export type { Operation } from './document/program-document.js';
export { toPointer, toPath, valueAt } from './document/json-path.js';
export type { JsonPath } from './document/json-path.js';
export { positionOf } from './document/json-text.js';
export { DesignerError } from './errors.js';
export type { DesignerErrorCode } from './errors.js';
export { designerWords, uiText } from './strings.js';
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
} from './model/form-model.js';
export type { FieldInfo, PageInfo, FormInfo, AddFieldOptions, Constraint } from './model/form-model.js';
export { kindOf, newFieldSchema, addableKinds } from './model/field-kinds.js';
export type { FieldKind, AddableKind } from './model/field-kinds.js';
export { placeOf } from './model/problem-place.js';
export type { Place } from './model/problem-place.js';
export { CfDesignerSaveEvent, CfDesignerChangeEvent } from './events/designer-save.js';
