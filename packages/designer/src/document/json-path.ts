/** A place in a JSON document: property names and array indices from the root. */
export type JsonPath = readonly (string | number)[];

/** The JSON Pointer (RFC 6901) of a path. */
export function toPointer(path: JsonPath): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The path of a JSON Pointer; array indices stay strings unless `value` shows an array there. */
export function toPath(pointer: string, value?: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let at: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(at) && /^(0|[1-9]\d*)$/.test(token) ? Number(token) : token;
    out.push(segment);
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[token] : undefined;
  }
  return out;
}

/** The value at a path, or undefined. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let at = root;
  for (const s of path) {
    if (at === null || typeof at !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(at, s)) return undefined;
    at = (at as Record<string | number, unknown>)[s];
  }
  return at;
}
