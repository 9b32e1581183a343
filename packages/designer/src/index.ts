export { ProgramDocument } from './document/program-document.js';
export type { Operation } from './document/program-document.js';
export { toPointer, toPath, valueAt } from './document/json-path.js';
export type { JsonPath } from './document/json-path.js';
export { positionOf } from './document/json-text.js';
export { DesignerError } from './errors.js';
export type { DesignerErrorCode } from './errors.js';
export { designerWords, uiText } from './strings.js';
export type { DesignerLocale } from './strings.js';
