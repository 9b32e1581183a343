// @civicflow/test-support for Node: the example programs of examples/ as fixtures. Private to the repository.
export { repoRoot, examplePath } from './repo-root.js';
export { readExample, loadExample, exampleNames } from './load-example.js';
export { exampleCases, exampleWalks, readCaseFile } from './example-cases.js';
export type { ExampleCase } from './example-case.js';
export { addContactFields, miniDefinition } from './mini-definition.js';
export { arbitraryFromSchema } from './arbitrary-from-schema.js';
export { hostileJson, hostileBody, mutatedFromSchema, taintedFromSchema, countValues, objectOf, oddKeys, oddNumbers, type FuzzDataOptions } from './fuzz-data.js';
export { fuzzParameters, createFuzzCounter, longFuzzRun, type FuzzCounts } from './fuzz-runs.js';
export { congressDefinition, type CongressLate } from './congress-definition.js';
