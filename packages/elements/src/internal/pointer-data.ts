// Reading and writing form data by JSON Pointer. Writes copy the objects on the way, so every change gives
// a new root and Lit (and drafts) can tell that something changed by identity alone.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The tokens of a JSON Pointer (`/a/0/b` → `['a', '0', 'b']`). */
export function tokensOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => (t.includes('~') ? t.replace(/~1/g, '/').replace(/~0/g, '~') : t));
}

/** A pointer from tokens. */
export function pointerOf(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The value at a pointer, or undefined. */
export function getAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const t of tokensOf(pointer)) {
    if (Array.isArray(node)) node = node[Number(t)];
    else if (isObj(node) && Object.prototype.hasOwnProperty.call(node, t)) node = node[t];
    else return undefined;
  }
  return node;
}

/**
 * A copy of the data with `value` at the pointer; `undefined` removes the property (or the list entry).
 * Missing objects on the way are created; a numeric token under an array indexes it.
 */
export function setAt(data: unknown, pointer: string, value: unknown): unknown {
  const tokens = tokensOf(pointer);
  const write = (node: unknown, i: number): unknown => {
    const t = tokens[i]!;
    const last = i === tokens.length - 1;
    if (Array.isArray(node)) {
      const copy = node.slice();
      const index = Number(t);
      if (last) {
        if (value === undefined) copy.splice(index, 1);
        else copy[index] = value;
      } else copy[index] = write(copy[index], i + 1);
      return copy;
    }
    const copy: Obj = isObj(node) ? { ...node } : {};
    if (last) {
      if (value === undefined) delete copy[t];
      else copy[t] = value;
    } else copy[t] = write(copy[t], i + 1);
    return copy;
  };
  return tokens.length === 0 ? value : write(data, 0);
}

/** Whether `pointer` is one of `roots` or lies below one of them. */
export function isUnder(pointer: string, roots: Iterable<string>): boolean {
  for (const r of roots) if (pointer === r || pointer.startsWith(r + '/')) return true;
  return false;
}

/** The dotted field path of a pointer: property names without list positions (`/household/0/name` → `household.name`). */
export function pathOf(pointer: string): string {
  return tokensOf(pointer)
    .filter((t) => !/^\d+$/.test(t))
    .join('.');
}

/** A DOM id for the control of the field at a pointer; property names are identifiers, so it cannot collide. */
export function idFor(pointer: string): string {
  return 'cf' + pointer.replace(/\//g, '-');
}
