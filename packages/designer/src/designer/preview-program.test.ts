import { describe, expect, it } from 'vitest';
import { loadProgram, type Program } from '@civicflow/core';
import { runtimeValidators } from '@civicflow/core/compile';
import type { FormValidators } from '@civicflow/core/runtime';
import { miniDefinition } from '@civicflow/test-support';
import { PreviewValidators, withTextsOf } from './preview-program.js';

type Definition = Record<string, unknown> & { forms: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }>; texts: Record<string, Record<string, string>> };

const definition = () => miniDefinition() as Definition;
const formId = () => Object.keys(definition().forms)[0]!;
const firstField = (d: Definition) => Object.keys(d.forms[formId()]!.schema.properties)[0]!;
const labelKey = (d: Definition) => `forms.${formId()}.fields.${firstField(d)}.label`;

/** Validators that count what they compile: each form's validator, conditions and plan. */
function counting(): { compile: (p: Program) => FormValidators; count: { validator: number; conditions: number; plan: number } } {
  const count = { validator: 0, conditions: 0, plan: 0 };
  const compile = (p: Program): FormValidators => {
    const v = runtimeValidators(p);
    return {
      validator: (id) => (count.validator++, v.validator(id)),
      conditions: (id) => (count.conditions++, v.conditions(id)),
      plan: (id) => (count.plan++, v.plan(id)),
      inputGuard: v.inputGuard,
    };
  };
  return { compile, count };
}

const relabelled = (d: Definition, text: string): Definition => {
  const next = structuredClone(d);
  next.texts.en![labelKey(d)] = text;
  return next;
};

describe('the preview after a change to texts alone', () => {
  it('compiles no validator, no conditions and no plan again', () => {
    const { compile, count } = counting();
    const store = new PreviewValidators(compile);
    const d = definition();
    const first = loadProgram(d);
    const id = formId();
    const v1 = store.for(first);
    const compiled = { validator: v1.validator(id), conditions: v1.conditions(id), plan: v1.plan(id) };
    expect(count).toEqual({ validator: 1, conditions: 1, plan: 1 });

    const second = withTextsOf(first, relabelled(d, 'A new label'))!;
    expect(second).toBeDefined();
    const v2 = store.for(second);
    expect(v2.validator(id)).toBe(compiled.validator);
    expect(v2.conditions(id)).toBe(compiled.conditions);
    expect(v2.plan(id)).toBe(compiled.plan);
    expect(v2.inputGuard).toBe(v1.inputGuard);
    expect(count).toEqual({ validator: 1, conditions: 1, plan: 1 });
  });

  it('compiles the form again when its schema changed, and validates by the new one', () => {
    const { compile, count } = counting();
    const store = new PreviewValidators(compile);
    const d = definition();
    const id = formId();
    const first = loadProgram(d);
    store.for(first).validator(id);
    const changed = structuredClone(d);
    const field = firstField(d);
    changed.forms[id]!.schema.properties[field] = { type: 'string', maxLength: 2 };
    const second = loadProgram(changed);
    expect(withTextsOf(first, changed)).toBeUndefined();
    const check = store.for(second).validator(id) as unknown as ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] | null };
    expect(count.validator).toBe(2);
    // The new schema's limit holds: what was compiled is the new form's validator.
    check({ [field]: 'too long' });
    expect(check.errors?.some((e) => e.instancePath === `/${field}` && e.keyword === 'maxLength')).toBe(true);
  });

  it('gives the program loadProgram would, hash included', () => {
    const d = definition();
    const first = loadProgram(d);
    const next = relabelled(d, 'Another label');
    const shown = withTextsOf(first, next)!;
    const checked = loadProgram(next);
    expect(shown.hash).toBe(checked.hash);
    expect(shown.definition).toEqual(checked.definition);
    expect(Object.isFrozen(shown.definition.texts)).toBe(true);
    expect(shown.ref).toBe(checked.ref);
  });

  it('is no text change when texts are not words by locale and key, or another member changed', () => {
    const d = definition();
    const first = loadProgram(d);
    const odd = structuredClone(d) as Record<string, unknown> & Definition;
    (odd.texts.en as Record<string, unknown>)[labelKey(d)] = 42;
    expect(withTextsOf(first, odd)).toBeUndefined();
    expect(withTextsOf(first, { ...d, texts: [] })).toBeUndefined();
    expect(withTextsOf(first, { ...d, version: '9.9.9' })).toBeUndefined();
    expect(withTextsOf(first, { ...d, extra: true })).toBeUndefined();
    expect(withTextsOf(first, 'not an object')).toBeUndefined();
  });
});
