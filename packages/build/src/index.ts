export { buildValidatorsModule, buildChecksModule, buildBrowserFiles, definitionDocument, notesDocument, textsDocument } from './build.js';
export type { BuildValidatorsOptions, BrowserFilesOptions, ValidatorsSourceOptions } from './build.js';
export { generateValidatorsSource } from './standalone.js';
export { preloadSnippet } from './preload.js';
export type { PreloadSnippetOptions } from './preload.js';
export { BuildError } from './errors.js';
export type { BuildErrorCode } from './errors.js';
