import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, type DeepReadonly, type Program, type ProgramDefinition } from '@civicflow/core';
import { runtimeValidators } from '@civicflow/core/compile';
import type { CompiledValidator, FormPlan, FormValidators } from '@civicflow/core/runtime';

type ConditionChecks = ReturnType<FormValidators['conditions']>;

/** What one form compiled to, and the definition of the form it was compiled from. */
interface FormEntry {
  readonly key: string;
  readonly source: FormValidators;
  validator?: CompiledValidator;
  conditions?: ConditionChecks;
  plan?: FormPlan;
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The preview's validators across the programs a designer makes one edit after another. A form's validator, its
 * conditions and its plan depend on the form's definition alone (its schema, pages and layout; its words are in
 * `texts`), so a form whose definition is the same as before keeps what was compiled for it: a label typed
 * compiles nothing. Any other difference in the form compiles it afresh, from the new program.
 */
export class PreviewValidators {
  readonly #compile: (program: Program) => FormValidators;
  readonly #forms = new Map<string, FormEntry>();
  /** The validators compiled last, whose input guard every program's validators share. */
  #guarded: FormValidators | undefined;

  /** `compile` makes Ajv's validators for a program (compiled form by form when first asked for). */
  constructor(compile: (program: Program) => FormValidators = runtimeValidators) {
    this.#compile = compile;
  }

  /** Validators for `program`: those of a form unchanged since an earlier program are that program's. */
  for(program: Program): FormValidators {
    const guarded = () => this.#guarded ?? sourceOf();
    let source: FormValidators | undefined;
    const sourceOf = () => {
      if (!source) this.#guarded = source = this.#compile(program);
      return source;
    };
    const entries = new Map<string, FormEntry>();
    const entry = (formId: string): FormEntry | undefined => {
      const known = entries.get(formId);
      if (known) return known;
      if (!own(program.definition.forms, formId)) return undefined;
      const key = JSON.stringify(program.definition.forms[formId]);
      let e = this.#forms.get(formId);
      if (e?.key !== key) {
        e = { key, source: sourceOf() };
        this.#forms.set(formId, e);
      }
      entries.set(formId, e);
      return e;
    };
    return {
      validator: (formId) => {
        const e = entry(formId);
        if (!e) return sourceOf().validator(formId);
        return (e.validator ??= e.source.validator(formId));
      },
      conditions: (formId) => {
        const e = entry(formId);
        if (!e) return sourceOf().conditions(formId);
        return (e.conditions ??= e.source.conditions(formId));
      },
      plan: (formId) => {
        const e = entry(formId);
        if (!e) return sourceOf().plan(formId);
        return (e.plan ??= e.source.plan(formId));
      },
      // The guard is the same function for every program: the last one compiled lends it, so asking for it compiles nothing.
      get inputGuard() {
        return guarded().inputGuard;
      },
    };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The program `value` is, when it differs from the checked `previous` in its texts alone: every other member the
 * same, and `texts` still words by locale and key. Then the preview may show it before `loadProgram` has checked
 * it (the check follows, and reports what the new words got wrong). Its other members are `previous`'s own objects.
 * Undefined for any other change.
 */
export function withTextsOf(previous: Program, value: unknown): Program | undefined {
  if (!isObject(value)) return undefined;
  const before = membersOf(previous);
  const keys = Object.keys(value);
  if (keys.length !== before.size) return undefined;
  const members = new Map<string, string>();
  for (const k of keys) {
    if (!before.has(k)) return undefined;
    if (k === 'texts') continue;
    const json = JSON.stringify(value[k]);
    if (json !== before.get(k)) return undefined;
    members.set(k, json);
  }
  const texts = value.texts;
  if (texts !== undefined) {
    if (!isObject(texts)) return undefined;
    for (const inLocale of Object.values(texts)) {
      if (!isObject(inLocale) || !Object.values(inLocale).every((t) => typeof t === 'string')) return undefined;
    }
  }
  // Every member but the texts is the previous program's own (frozen) object: a preview that compares them sees at a
  // glance that only the words changed (showWords), and nothing but the texts is copied.
  const kept = previous.definition as unknown as Record<string, unknown>;
  const definition = Object.freeze(
    Object.fromEntries(keys.map((k) => [k, k === 'texts' ? deepFreeze(structuredClone(texts)) : kept[k]])),
  ) as unknown as DeepReadonly<ProgramDefinition>;
  // The hash is worked out when asked for (by the check after the pause): the preview needs none, and hashing the
  // whole definition was a good part of the time a typed label took to reach it.
  let hash: string | undefined;
  const program: Program = Object.freeze({
    id: previous.id,
    version: previous.version,
    ref: previous.ref,
    get hash() {
      return (hash ??= bytesToHex(sha256(utf8ToBytes(canonicalJson(definition)))));
    },
    locales: previous.locales,
    definition,
  });
  members.set('texts', '');
  memberJson.set(program, members);
  return program;
}

/** The JSON of each top-level member of a program's definition but its texts (compared, not parsed: texts are left out). */
const memberJson = new WeakMap<Program, Map<string, string>>();

function membersOf(program: Program): Map<string, string> {
  let members = memberJson.get(program);
  if (!members) {
    const definition = program.definition as unknown as Record<string, unknown>;
    members = new Map(Object.keys(definition).map((k) => [k, k === 'texts' ? '' : JSON.stringify(definition[k])]));
    memberJson.set(program, members);
  }
  return members;
}
