export { buildValidatorsModule, buildBrowserFiles, definitionDocument } from './build.js';
export type { BuildValidatorsOptions, BrowserFilesOptions, ValidatorsSourceOptions } from './build.js';
export { generateValidatorsSource } from './standalone.js';
