import type { FormLayout } from './layout.js';
import { parsePointer } from './pointer.js';
import type { ConditionChecks } from './visibility.js';

// Kept apart from visibility.ts: only the code that checks answers asks which fields are hidden pointer by pointer,
// while the first screen needs the rest of visibility.ts to tell which fields to show.

type Obj = Record<string, unknown>;

/** Per form, the conditions by the fields they hide, and the last names of those fields. */
const sitesByTarget = new WeakMap<FormLayout, { readonly byTarget: Map<string, number[]>; readonly lastNames: Set<string> }>();

/**
 * Whether the field at a pointer is hidden for already visible data (see `visibleData`), as a check to ask for
 * many pointers of one validation: only the conditions that target the field are evaluated, inside a list on the
 * pointer's own item, and each condition once per item (once in all on the whole data). However many errors ask,
 * the conditions run at most once for each value they look at.
 */
export function createHiddenCheck(layout: FormLayout, visible: unknown, checks: ConditionChecks): (pointer: string, name?: string) => boolean {
  let known = sitesByTarget.get(layout);
  if (!known) {
    const byTarget = new Map<string, number[]>();
    for (const site of layout.conditions) for (const t of site.targets) byTarget.set(t, [...(byTarget.get(t) ?? []), site.index]);
    known = { byTarget, lastNames: new Set([...byTarget.keys()].map((t) => t.slice(t.lastIndexOf('.') + 1))) };
    sitesByTarget.set(layout, known);
  }
  const targets = known.byTarget;
  const lastNames = known.lastNames;
  // Verdicts of this validation by condition index, then by the value the condition looked at.
  let verdicts: Map<number, Map<unknown, boolean>> | undefined;
  const holdsFor = (index: number, value: unknown): boolean => {
    verdicts ??= new Map();
    let byValue = verdicts.get(index);
    if (!byValue) verdicts.set(index, (byValue = new Map()));
    let holds = byValue.get(value);
    if (holds === undefined) byValue.set(value, (holds = checks.each[index]!(value)));
    return holds;
  };
  return (pointer, name) => {
    // Given the pointer's last name (a missing property's), a field no condition hides is told without working out
    // its path: the path ends in that name unless the name is empty, starts with a digit (read as a list position)
    // or holds a dot.
    if (name !== undefined && !lastNames.has(name) && plainName(name)) return false;
    // Field names are identifiers, so the pointer needs no unescaping to give the field's path.
    const sites = targets.get(fieldPathOf(pointer));
    if (!sites) return false;
    const tokens = parsePointer(pointer);
    for (const index of sites) {
      const site = layout.conditions[index]!;
      if (site.listPath === '') {
        if (!holdsFor(index, visible)) return true;
        continue;
      }
      // The item of the site's list on this pointer: walk the names of the list path, then take the index.
      const names = site.listPath.split('.');
      let node: unknown = visible;
      let i = 0;
      for (const name of names) {
        while (i < tokens.length && tokens[i] !== name) node = (node as Obj | undefined)?.[tokens[i++]!];
        node = (node as Obj | undefined)?.[tokens[i++]!];
      }
      const item = Array.isArray(node) && i < tokens.length ? node[Number(tokens[i])] : undefined;
      if (item !== undefined && !holdsFor(index, item)) return true;
    }
    return false;
  };
}

/** Whether a property's name is the last part of the field path of a pointer ending in it (see `fieldPathOf`). */
function plainName(name: string): boolean {
  const c = name.charCodeAt(0);
  return name !== '' && !(c >= 48 && c <= 57) && !name.includes('.');
}

/** The dotted field path of a data pointer, list positions left out: `/household/0/name` → `household.name`. */
function fieldPathOf(pointer: string): string {
  let path = '';
  let start = 1;
  while (start <= pointer.length) {
    let end = pointer.indexOf('/', start);
    if (end === -1) end = pointer.length;
    const c = pointer.charCodeAt(start);
    const numeric = c >= 48 && c <= 57;
    if (!numeric && end > start) path = path ? path + '.' + pointer.slice(start, end) : pointer.slice(start, end);
    start = end + 1;
  }
  return path;
}
