import type { FormLayout } from './layout.js';
import { escapePointerToken } from './pointer.js';

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

function hiddenOnce(layout: FormLayout, data: unknown, check: (index: number) => ConditionCheck): string[] {
  const hidden: string[] = [];
  for (const site of layout.conditions) {
    const holds = check(site.index);
    const targets = topmost(site.targets);
    if (site.listPath === '') {
      if (holds(data)) continue;
      for (const t of targets) for (const hit of expand(layout, t, data)) hidden.push(hit.pointer);
      continue;
    }
    const items = expand(layout, site.listPath, data).flatMap((l) =>
      Array.isArray(l.value) ? l.value.map((v, i) => ({ pointer: `${l.pointer}/${i}`, value: v })) : [],
    );
    for (const item of items) {
      if (holds(item.value)) continue;
      for (const t of targets) {
        for (const hit of expand(layout, t.slice(site.listPath.length + 1), item.value)) hidden.push(item.pointer + hit.pointer);
      }
    }
  }
  return hidden;
}

/**
 * The concrete pointers of fields that the form's conditions hide for this data. Conditions see the data
 * with hidden fields already removed, so a field that depends on a hidden one is judged without it.
 */
export function hiddenPointers(layout: FormLayout, data: unknown, check: (index: number) => ConditionCheck): string[] {
  if (layout.conditions.length === 0) return [];
  let hidden = hiddenOnce(layout, data, check);
  for (let pass = 0; pass < 4 && hidden.length > 0; pass++) {
    const stripped = stripPointers(data, hidden);
    if (stripped === data) break; // nothing hidden had a value, so no condition can see a difference
    const again = hiddenOnce(layout, stripped, check);
    const before = new Set(hidden);
    const merged = [...hidden, ...again.filter((p) => !before.has(p))];
    if (merged.length === hidden.length) break;
    hidden = merged;
  }
  return hidden;
}

/** A copy of the data without the values at the given pointers; untouched branches are shared, not copied. */
export function stripPointers<T>(data: T, given: readonly string[]): T {
  const pointers = given.filter((p) => hasValueAt(data, p));
  if (pointers.length === 0) return data;
  const tree = new Map<string, unknown>();
  for (const p of pointers) {
    let node = tree;
    const tokens = p.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
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

/** Whether the data holds a value at the pointer. */
function hasValueAt(data: unknown, pointer: string): boolean {
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    if (typeof node !== 'object' || node === null) return false;
    const token = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (!Object.prototype.hasOwnProperty.call(node, token)) return false;
    node = (node as Obj)[token];
  }
  return node !== undefined;
}
