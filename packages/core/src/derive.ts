// What the derived values of a precompiled validators module call (see `deriverSource`): a module bundles this in
// only when one of its forms has derived values, so a page without them loads none of it. Internal to civicflow.
/** @internal */
export { expressionHelpers } from './runtime/expression.js';
/** @internal */
export { putAt, hasPath } from './runtime/derive.js';
