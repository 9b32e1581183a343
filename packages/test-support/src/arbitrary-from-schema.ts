// Builds fast-check arbitraries that produce data valid for a form schema (the subset forms use).
import fc from 'fast-check';

type Schema = Record<string, unknown>;

function resolve(root: Schema, s: Schema): Schema {
  const ref = s['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return s;
  let node: unknown = root;
  for (const t of ref.slice(2).split('/')) node = (node as Schema)[t];
  return resolve(root, node as Schema);
}

function dateString(): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
}

function stringArb(s: Schema): fc.Arbitrary<string> {
  const min = (s['minLength'] as number | undefined) ?? 0;
  const max = (s['maxLength'] as number | undefined) ?? 40;
  const fits = (v: string) => [...v].length >= min && [...v].length <= max;
  if (s['format'] === 'email') return fc.emailAddress().filter(fits);
  if (s['format'] === 'date') return dateString();
  if (s['format'] === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (typeof s['pattern'] === 'string') return fc.stringMatching(new RegExp(s['pattern'] as string, 'u')).filter(fits);
  return fc.string({ minLength: min, maxLength: Math.min(max, min + 40), unit: 'grapheme' }).filter(fits);
}

/** An arbitrary of values valid for the schema; every optional property is present, so `if`/`then` requirements hold. */
export function arbitraryFromSchema(root: Schema, schema: Schema = root): fc.Arbitrary<unknown> {
  const s = resolve(root, schema);
  if ('const' in s) return fc.constant(s['const']);
  if (Array.isArray(s['enum'])) return fc.constantFrom(...(s['enum'] as unknown[]));
  const type = Array.isArray(s['type']) ? (s['type'] as string[]).find((t) => t !== 'null') : (s['type'] as string | undefined);
  switch (type) {
    case 'object': {
      const props = (s['properties'] ?? {}) as Record<string, Schema>;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = arbitraryFromSchema(root, v);
      return fc.record(record);
    }
    case 'array': {
      const items = resolve(root, (s['items'] ?? {}) as Schema);
      const minLength = (s['minItems'] as number | undefined) ?? 0;
      const maxLength = Math.min((s['maxItems'] as number | undefined) ?? 4, minLength + 4);
      if (s['uniqueItems'] && Array.isArray(items['enum'])) {
        return fc.subarray(items['enum'] as unknown[], { minLength, maxLength: Math.min(maxLength, (items['enum'] as unknown[]).length) });
      }
      return fc.array(arbitraryFromSchema(root, items), { minLength, maxLength });
    }
    case 'string':
      return stringArb(s);
    case 'integer':
      return fc.integer({ min: limit(s['minimum']) ?? -1000, max: limit(s['maximum']) ?? 1000 });
    case 'number':
      return fc.double({ min: limit(s['minimum']) ?? -1e6, max: limit(s['maximum']) ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

/** A number limit of the schema; one taken from another field (`{ "$data": … }`) limits nothing here. */
function limit(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
