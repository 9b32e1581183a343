// @civicflow/test-support for browser tests: the same data cases, fetched from what scripts/browser-fixtures.mjs built,
// and axe-core's check of an element.
export { loadCases, validCaseByForm } from './load-cases.js';
export type { ExampleCase } from './example-case.js';
export { axeViolations } from './axe.js';
