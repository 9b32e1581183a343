// What @civicflow/build makes a precompiled validators module from: the same schemas and plans that `validate`
// compiles at run time, so that both give one result. Internal to civicflow: not a stable API.
/** @internal */
export { validatorSchema } from './compile/guarded-schema.js';
/** @internal */
export { formPlan } from './compile/validate.js';
/** @internal */
export { combinableConditions, combinedConditionSchema } from './compile/combined-conditions.js';
// The run-time side of that one result, which @civicflow/build's tests hold a precompiled module against.
/** @internal */
export { runtimeValidators } from './compile/validate.js';
/** @internal */
export { computeVisibility } from './runtime/form-state.js';
/** @internal */
export { deriverSource } from './compile/compile-deriver.js';
/** @internal */
export { guardPlaces, guardPlacesSource, heldValues } from './compile/closed-schema.js';
/** @internal */
export { defaultLimits } from './runtime/check-input.js';
