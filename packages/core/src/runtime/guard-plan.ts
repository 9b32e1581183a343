/**
 * Where the visibility guards sit in a form's validator schema, and which condition each one checks (worked
 * out by `guardPlan` when the validator is made, and carried in a precompiled module's plans).
 */
export interface GuardPlan {
  /** Index in the root `allOf` of the first guard (the form schema's own `allOf` entries come before). */
  readonly base: number;
  /** For each guard, in order, the index of its condition in the form's layout (the first, when several share it). */
  readonly sites: readonly number[];
  /** For each guard, the tokens of the topmost fields it hides. */
  readonly targets: readonly (readonly (readonly string[])[])[];
}

/** The guard an error comes from (its index in the plan), or -1 for an error of the form schema itself. */
export function guardOf(schemaPath: string, plan: GuardPlan): number {
  if (!schemaPath.startsWith('#/allOf/')) return -1;
  const k = parseInt(schemaPath.slice(8), 10) - plan.base;
  return k >= 0 && k < plan.sites.length ? k : -1;
}
