// What the quick checks of the input guard in a precompiled validators module call (see `guardPlacesSource` and
// `guardFreeDespiteErrors`): bundled into the module, so that its validation skips the guard's walk where the
// schema already holds the data, as `validate` does. Internal to civicflow.
/** @internal */
export { isStorableText, isPlainAt } from './runtime/check-input.js';
/** @internal */
export { guardFreeDespiteErrors } from './runtime/guard-free.js';
