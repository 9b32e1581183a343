import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

const names = /'[^']*'|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;

/** An expression with the top-level field `from` named `to`: paths that start with it, not texts in quotes or calls. */
export function renameInExpression(expression: string, from: string, to: string): string {
  return expression.replace(names, (m, at: number) => {
    if (m.startsWith("'")) return m;
    const parts = m.split('.');
    if (parts[0] !== from || /^\s*\(/.test(expression.slice(at + m.length))) return m;
    return [to, ...parts.slice(1)].join('.');
  });
}

/**
 * The operations that make a form's derived values and rules across fields name a renamed top-level field by its new
 * name: `x-derived` expressions that read it, `$data` pointers that lead to it, and the keys of `dependentSchemas`
 * and `dependentRequired` at the form's top. Worked out on the document before the rename; applied before it too,
 * since some of the paths go through the field's own schema.
 */
export function renameReferenceOps(doc: ProgramDocument, form: string, from: string, to: string): Operation[] {
  const ops: Operation[] = [];
  // Keys renamed after every value is replaced: a replaced value's path may go through a key renamed.
  const renames: Operation[] = [];
  const walk = (s: unknown, at: JsonPath, data: readonly string[]) => {
    if (Array.isArray(s)) return s.forEach((x, i) => walk(x, [...at, i], data));
    if (!isObject(s)) return;
    if (typeof s['x-derived'] === 'string') {
      const renamed = renameInExpression(s['x-derived'], from, to);
      if (renamed !== s['x-derived']) ops.push({ op: 'replace', path: [...at, 'x-derived'], value: renamed });
    }
    for (const [k, v] of Object.entries(s)) {
      if (!isObject(v) || typeof v.$data !== 'string') continue;
      const m = /^(\d+)((?:\/[^/]+)+)$/.exec(v.$data);
      // Only a pointer that climbs to the form's top and goes down into the field names it by its key.
      if (!m || Number(m[1]) !== data.length) continue;
      const rest = m[2]!.split('/').slice(1);
      if (rest[0] === from) ops.push({ op: 'replace', path: [...at, k, '$data'], value: `${m[1]}/${[to, ...rest.slice(1)].join('/')}` });
    }
    if (isObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) walk(v, [...at, 'properties', k], [...data, k]);
    if (isObject(s.items)) walk(s.items, [...at, 'items'], [...data, '*']);
    for (const k of ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else']) if (s[k] !== undefined) walk(s[k], [...at, k], data);
    if (isObject(s.dependentSchemas)) {
      for (const [k, v] of Object.entries(s.dependentSchemas)) {
        const entry: JsonPath = [...at, 'dependentSchemas', k];
        walk(v, entry, data);
        // What the entry asks of the form's top-level fields names them by their keys.
        if (data.length === 0 && isObject(v) && isObject(v.properties) && from in v.properties) renames.push({ op: 'rename', path: [...entry, 'properties'], from, to });
        if (data.length === 0 && isObject(v) && Array.isArray(v.required) && v.required.includes(from)) ops.push({ op: 'replace', path: [...entry, 'required', v.required.indexOf(from)], value: to });
      }
    }
  };
  const root: JsonPath = ['forms', form, 'schema'];
  const schema = doc.get(root);
  walk(schema, root, []);
  if (isObject(schema)) {
    for (const k of ['dependentSchemas', 'dependentRequired']) {
      const deps = schema[k];
      if (!isObject(deps)) continue;
      if (from in deps) renames.push({ op: 'rename', path: [...root, k], from, to });
      if (k === 'dependentRequired') {
        for (const [key, list] of Object.entries(deps)) {
          if (Array.isArray(list) && list.includes(from)) ops.push({ op: 'replace', path: [...root, k, key, list.indexOf(from)], value: to });
        }
      }
    }
  }
  return [...ops, ...renames];
}
