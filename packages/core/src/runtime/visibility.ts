import type { FormLayout } from './layout.js';
import { escapePointerToken, unescapePointerToken } from './pointer.js';

/** A compiled condition: true when the data matches the condition's schema. */
export type ConditionCheck = (data: unknown) => boolean;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Expands a dotted field path into concrete pointers, one per list item on the way (present or not at the end). */
export function expand(layout: FormLayout, path: string, data: unknown): { pointer: string; value: unknown }[] {
  let current: { pointer: string; value: unknown }[] = [{ pointer: '', value: data }];
  let prefix = '';
  for (const name of path.split('.')) {
    prefix = prefix ? `${prefix}.${name}` : name;
    const next: { pointer: string; value: unknown }[] = [];
    for (const c of current) {
      const value = isObj(c.value) && Object.prototype.hasOwnProperty.call(c.value, name) ? c.value[name] : undefined;
      next.push({ pointer: `${c.pointer}/${escapePointerToken(name)}`, value });
    }
    current = next;
    if (layout.fieldsByPath.get(prefix)?.kind === 'list' && prefix !== path) {
      current = current.flatMap((c) =>
        Array.isArray(c.value) ? c.value.map((v, i) => ({ pointer: `${c.pointer}/${i}`, value: v })) : [],
      );
    }
  }
  return current;
}

/** Removes targets whose ancestor is also a target: hiding the ancestor hides them already. */
function topmost(targets: readonly string[]): string[] {
  const set = new Set(targets);
  return targets.filter((t) => {
    for (let i = t.indexOf('.'); i !== -1; i = t.indexOf('.', i + 1)) if (set.has(t.slice(0, i))) return false;
    return true;
  });
}

/** What evaluating one condition needs, worked out once per form so that validation allocates little. */
interface SitePlan {
  readonly index: number;
  readonly listPath: string;
  /** For a condition on the whole data whose targets cross no list: their pointers, fixed in advance. */
  readonly pointers: readonly string[] | undefined;
  /** The reference tokens of `pointers`, to check cheaply whether the data has a value there. */
  readonly tokens: readonly (readonly string[])[] | undefined;
  /** Otherwise the topmost targets, relative to the list item for conditions inside a list. */
  readonly targets: readonly string[];
}

const plans = new WeakMap<FormLayout, readonly SitePlan[]>();

function planOf(layout: FormLayout): readonly SitePlan[] {
  let plan = plans.get(layout);
  if (plan) return plan;
  const crossesList = (path: string) => {
    let prefix = '';
    for (const name of path.split('.').slice(0, -1)) {
      prefix = prefix ? `${prefix}.${name}` : name;
      if (layout.fieldsByPath.get(prefix)?.kind === 'list') return true;
    }
    return false;
  };
  plan = layout.conditions.map((site) => {
    const top = topmost(site.targets);
    if (site.listPath === '') {
      const fixed = top.every((t) => !crossesList(t));
      return {
        index: site.index,
        listPath: '',
        pointers: fixed ? top.map((t) => '/' + t.split('.').map(escapePointerToken).join('/')) : undefined,
        tokens: fixed ? top.map((t) => t.split('.')) : undefined,
        targets: top,
      };
    }
    return {
      index: site.index,
      listPath: site.listPath,
      pointers: undefined,
      tokens: undefined,
      targets: top.map((t) => t.slice(site.listPath.length + 1)),
    };
  });
  plans.set(layout, plan);
  return plan;
}

/** Compiled conditions of a form: one function each, and optionally one call for the combinable ones. */
export interface ConditionChecks {
  readonly each: readonly ConditionCheck[];
  readonly combined?: CombinedConditions | undefined;
}

/** One call for several conditions: the validator of `combinedConditionSchema`, and the conditions it covers. */
export interface CombinedConditions {
  /** Its errors name the failing conditions by their place in its `allOf`. */
  readonly check: CombinedCheck;
  /** The indices of the conditions it covers (`combinableConditions`), in the order of its `allOf`. */
  readonly indices: readonly number[];
}

/** A validator in Ajv's convention whose errors carry schema paths `#/allOf/<n>/...`. */
export interface CombinedCheck {
  (data: unknown): boolean;
  errors?: readonly { schemaPath: string }[] | null;
}

interface CombinedState {
  readonly indices: readonly number[];
  /** 1 for each condition index the combined check covers. */
  readonly covered: Uint8Array;
  /** Error schema path → condition index; the paths are constants of the generated code, so this stays small. */
  readonly byPath: Map<string, number>;
  /** Failing flags by condition index, reused call after call (validation never re-enters itself). */
  readonly failing: Uint8Array;
}

const combinedStates = new WeakMap<FormLayout, CombinedState>();

/** Runs the combined check; afterwards `failing[index]` is 1 for each covered condition that fails. */
function runCombined(layout: FormLayout, combined: CombinedConditions, data: unknown): CombinedState {
  let state = combinedStates.get(layout);
  if (!state || state.indices !== combined.indices) {
    const covered = new Uint8Array(layout.conditions.length);
    for (const i of combined.indices) covered[i] = 1;
    state = { indices: combined.indices, covered, byPath: new Map(), failing: new Uint8Array(layout.conditions.length) };
    combinedStates.set(layout, state);
  }
  state.failing.fill(0);
  const check = combined.check;
  if (check(data)) return state;
  for (const e of check.errors ?? []) {
    let index = state.byPath.get(e.schemaPath);
    if (index === undefined) {
      index = state.indices[parseInt(e.schemaPath.slice(8), 10)] ?? -1; // "#/allOf/".length === 8
      if (state.byPath.size < 1000) state.byPath.set(e.schemaPath, index);
    }
    if (index >= 0) state.failing[index] = 1;
  }
  return state;
}

/** One pass over the conditions: the pointers they hide, and how many of those hold a value in the data. */
interface Pass {
  pointers: string[];
  present: number;
}

function hide(pass: Pass, pointer: string, hasValue: boolean, onlyWithValues = false): void {
  if (onlyWithValues && !hasValue) return;
  if (pass.pointers === NONE) pass.pointers = [];
  pass.pointers.push(pointer);
  if (hasValue) pass.present++;
}

/**
 * One pass over the conditions on the data. With `onlyWithValues`, a condition whose fields hold no value
 * is not even evaluated (it could hide nothing) and only pointers holding values are listed: that is all
 * stripping needs, and usually most conditions are skipped.
 */
function hiddenOnce(layout: FormLayout, data: unknown, checks: ConditionChecks, onlyWithValues = false): Pass {
  const pass: Pass = { pointers: NONE, present: 0 };
  const combined = checks.combined && !onlyWithValues ? runCombined(layout, checks.combined, data) : undefined;
  for (const site of planOf(layout)) {
    if (site.listPath === '') {
      if (combined?.covered[site.index] ? combined.failing[site.index] === 0 : checks.each[site.index]!(data)) continue;
      if (site.pointers) {
        for (let i = 0; i < site.pointers.length; i++) hide(pass, site.pointers[i]!, hasValueAtTokens(data, site.tokens![i]!), onlyWithValues);
      } else {
        for (const t of site.targets) for (const hit of expand(layout, t, data)) hide(pass, hit.pointer, hit.value !== undefined, onlyWithValues);
      }
      continue;
    }
    const holds = checks.each[site.index]!;
    for (const list of expand(layout, site.listPath, data)) {
      if (!Array.isArray(list.value)) continue;
      for (let i = 0; i < list.value.length; i++) {
        const item: unknown = list.value[i];
        if (holds(item)) continue;
        for (const t of site.targets) for (const hit of expand(layout, t, item)) hide(pass, `${list.pointer}/${i}${hit.pointer}`, hit.value !== undefined, onlyWithValues);
      }
    }
  }
  return pass;
}

/**
 * Whether the data holds a value at the path given by reference tokens. Reads properties directly: field
 * names never match anything objects inherit (loadProgram refuses such names), so a read of an absent
 * field gives undefined, as the own-property test would, only faster.
 */
export function hasValueAtTokens(data: unknown, tokens: readonly string[]): boolean {
  let node = data;
  for (let i = 0; i < tokens.length; i++) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Obj)[tokens[i]!];
  }
  return node !== undefined;
}

const NONE: string[] = [];

/**
 * The data without the values that the conditions hide (the input itself when no hidden field holds a
 * value). Conditions see the data with hidden fields already removed, so a field that depends on a hidden
 * one is judged without it: stripping repeats until nothing more goes.
 */
export function visibleData<T>(layout: FormLayout, data: T, checks: ConditionChecks): T {
  if (layout.conditions.length === 0) return data;
  let visible = data;
  for (let round = 0; round < 8; round++) {
    if (!anyHiddenValue(layout, visible, checks)) break;
    const pass = hiddenOnce(layout, visible, checks, true);
    if (pass.present === 0) break;
    visible = stripPointers(visible, pass.pointers);
  }
  return visible;
}

/**
 * Whether some condition hides a field that holds a value: the question valid data nearly always answers
 * with no. Conditions whose fixed fields are all empty are not evaluated; nothing is allocated.
 */
function anyHiddenValue(layout: FormLayout, data: unknown, checks: ConditionChecks): boolean {
  const plan = planOf(layout);
  for (let s = 0; s < plan.length; s++) {
    const site = plan[s]!;
    if (site.listPath !== '' || !site.tokens) return true; // lists and paths through lists: take the full pass
    let withValue = false;
    for (let i = 0; i < site.tokens.length; i++) {
      if (hasValueAtTokens(data, site.tokens[i]!)) {
        withValue = true;
        break;
      }
    }
    if (withValue && !checks.each[site.index]!(data)) return true;
  }
  return false;
}

/** The pointers of every field hidden for already visible data (see `visibleData`), with a value or not. */
export function hiddenFor(layout: FormLayout, visible: unknown, checks: ConditionChecks): string[] {
  if (layout.conditions.length === 0) return NONE;
  return hiddenOnce(layout, visible, checks).pointers;
}

/** `visibleData` and `hiddenFor` together. */
export function applyConditions<T>(layout: FormLayout, data: T, checks: ConditionChecks): { visible: T; hidden: string[] } {
  const visible = visibleData(layout, data, checks);
  return { visible, hidden: hiddenFor(layout, visible, checks) };
}

/** A copy of the data without the values at the given pointers; untouched branches are shared, not copied. */
export function stripPointers<T>(data: T, given: readonly string[]): T {
  let present = 0;
  for (const p of given) if (hasValueAt(data, p)) present++;
  if (present === 0) return data;
  const pointers = present === given.length ? given : given.filter((p) => hasValueAt(data, p));
  const tree = new Map<string, unknown>();
  for (const p of pointers) {
    let node = tree;
    const tokens = p.slice(1).split('/').map(unescapePointerToken);
    tokens.forEach((t, i) => {
      if (i === tokens.length - 1) node.set(t, true);
      else {
        let next = node.get(t);
        if (next === true) return;
        if (!(next instanceof Map)) node.set(t, (next = new Map()));
        node = next as Map<string, unknown>;
      }
    });
  }
  const apply = (value: unknown, node: Map<string, unknown>): unknown => {
    if (Array.isArray(value)) {
      const copy = value.slice();
      const drop = new Set<number>();
      for (const [k, sub] of node) {
        const i = Number(k);
        if (sub === true) drop.add(i);
        else if (i < copy.length) copy[i] = apply(copy[i], sub as Map<string, unknown>);
      }
      return drop.size ? copy.filter((_, i) => !drop.has(i)) : copy;
    }
    if (!isObj(value)) return value;
    const copy: Obj = { ...value };
    for (const [k, sub] of node) {
      if (!Object.prototype.hasOwnProperty.call(copy, k)) continue;
      if (sub === true) delete copy[k];
      else copy[k] = apply(copy[k], sub as Map<string, unknown>);
    }
    return copy;
  };
  return apply(data, tree) as T;
}

const tokenCache = new Map<string, readonly string[]>();

function tokensOf(pointer: string): readonly string[] {
  let tokens = tokenCache.get(pointer);
  if (!tokens) {
    tokens = pointer.slice(1).split('/').map(unescapePointerToken);
    if (tokenCache.size < 10_000) tokenCache.set(pointer, tokens);
  }
  return tokens;
}

/** Whether the data holds a value at the pointer. */
function hasValueAt(data: unknown, pointer: string): boolean {
  let node = data;
  for (const token of tokensOf(pointer)) {
    if (typeof node !== 'object' || node === null) return false;
    if (!Object.prototype.hasOwnProperty.call(node, token)) return false;
    node = (node as Obj)[token];
  }
  return node !== undefined;
}

/** For each condition of the form, the tokens of its topmost fields when they are fixed paths at the top (no list on the way); else undefined. */
export function staticTargets(layout: FormLayout): (readonly (readonly string[])[] | undefined)[] {
  return planOf(layout).map((site) => (site.listPath === '' ? site.tokens : undefined));
}
