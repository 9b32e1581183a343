import type { FormLayout } from '../runtime/layout.js';
import type { JsonSchema } from '../model/json-schema.js';
import type { DeepReadonly, Form } from '../model/program.js';
import { staticTargets } from '../runtime/visibility.js';
import { usesReferences } from './combined-conditions.js';
import type { GuardPlan } from '../runtime/guard-plan.js';

/** `{ required: [a], properties: { a: { type: object, required: [b] } } }`: the data has a value at a.b. */
function presentAt(tokens: readonly string[]): JsonSchema {
  const [head, ...rest] = tokens;
  if (rest.length === 0) return { required: [head] };
  return { required: [head], properties: { [head!]: { type: 'object', ...(presentAt(rest) as object) } } };
}

/**
 * Folds a form's conditions into its schema, so that one validator call both validates the data and finds
 * hidden fields that hold a value: a guard fails exactly when its condition fails while one of its fields
 * holds a value (see `guardFor`). An error of a guard therefore names a condition whose hidden fields must
 * be removed; when the widget sent the data, there are none, and validation is one call. Returns undefined for forms whose
 * conditions look at list items or use references (those take the step-by-step path).
 */
export function guardPlan(layout: FormLayout, form: DeepReadonly<Form>): GuardPlan | undefined {
  if (layout.conditions.length === 0) return undefined;
  const targets = staticTargets(layout);
  const schema = form.schema as { allOf?: unknown[] } | boolean;
  if (typeof schema !== 'object' || targets.some((t) => t === undefined)) return undefined;
  if (layout.conditions.some((c) => usesReferences(c.schema))) return undefined;
  // Equal conditions (a field and a page shown for the same answer) share one guard.
  const byCondition = new Map<string, { site: number; targets: (readonly string[])[] }>();
  for (const c of layout.conditions) {
    if (targets[c.index]!.length === 0) continue;
    const key = JSON.stringify(c.schema);
    const entry = byCondition.get(key);
    if (entry) entry.targets.push(...targets[c.index]!);
    else byCondition.set(key, { site: c.index, targets: [...targets[c.index]!] });
  }
  if (byCondition.size === 0) return undefined;
  const guards = [...byCondition.values()];
  return { base: schema.allOf?.length ?? 0, sites: guards.map((g) => g.site), targets: guards.map((g) => g.targets) };
}

/**
 * A condition that only looks into one group, `{ properties: { g: inner }, required: ["g"] }`: its `inner`
 * part, which can be checked inside that group. Undefined for any other shape.
 */
function innerCondition(condition: unknown, group: string): unknown {
  if (typeof condition !== 'object' || condition === null) return undefined;
  const c = condition as Record<string, unknown>;
  const props = c['properties'] as Record<string, unknown> | undefined;
  const required = c['required'] as unknown[] | undefined;
  const onlyKnown = Object.keys(c).every((k) => k === 'properties' || k === 'required' || (k === 'type' && c[k] === 'object'));
  if (!onlyKnown || !props || Object.keys(props).length !== 1 || !(group in props)) return undefined;
  if (required && !(required.length === 1 && required[0] === group)) return undefined;
  return props[group];
}

/**
 * One guard. When the fields are direct members of the group the condition looks into, the guard sits in
 * that group as `dependentSchemas`: Ajv then checks the condition only for fields that hold a value, and
 * allocates nothing for empty ones. Otherwise: `if` the condition fails, `then` no field may have a value.
 */
function guardFor(condition: unknown, fields: readonly (readonly string[])[]): JsonSchema {
  const group = fields[0]![0]!;
  const inner = fields.every((f) => f.length === 2 && f[0] === group) ? innerCondition(condition, group) : undefined;
  if (inner !== undefined) {
    return { properties: { [group]: { dependentSchemas: Object.fromEntries(fields.map((f) => [f[1]!, inner])) } } };
  }
  const present = fields.length === 1 ? presentAt(fields[0]!) : { anyOf: fields.map(presentAt) };
  return { if: { not: condition }, then: { not: present } };
}

/** The schema a form's validator is compiled from: the form schema, with the guards of `guardPlan` if any. */
export function validatorSchema(layout: FormLayout, form: DeepReadonly<Form>): JsonSchema {
  const plan = guardPlan(layout, form);
  const schema = form.schema as Record<string, unknown>;
  if (!plan) return schema as JsonSchema;
  const guards = plan.sites.map((index, g) => guardFor(layout.conditions[index]!.schema, plan.targets[g]!));
  return { ...schema, allOf: [...((schema['allOf'] as unknown[] | undefined) ?? []), ...guards] } as JsonSchema;
}
