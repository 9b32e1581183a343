// @civicflow/test-support for browser tests: the same data cases, fetched from what scripts/browser-fixtures.mjs built.
export { loadCases, validCaseByForm } from './load-cases.js';
export type { ExampleCase } from './example-case.js';
