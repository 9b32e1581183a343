// What @civicflow/build makes a precompiled validators module from: the same schemas and plans that `validate`
// compiles at run time, so that both give one result. Internal to civicflow: not a stable API.
/** @internal */
export { validatorSchema } from './compile/guarded-schema.js';
/** @internal */
export { formPlan } from './compile/validate.js';
/** @internal */
export { combinableConditions, combinedConditionSchema } from './compile/combined-conditions.js';
