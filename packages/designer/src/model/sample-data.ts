type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Sample answers for a form's schema, to try its conditions in the preview: variant 0 picks each choice's first
 * option and says yes, variant 1 the second option and no, and so on, so that trying the next variant makes
 * conditions act differently. Texts respect their lengths; numbers their bounds; a text with a pattern, a file and
 * a derived value are left out (nobody can guess what a pattern wants, and files are uploaded).
 */
export function sampleData(schema: unknown, variant = 0, locale = 'en'): Record<string, unknown> {
  const v = sampleValue(schema, variant, locale);
  return isObject(v) ? v : {};
}

function pick<T>(values: readonly T[], variant: number): T {
  return values[variant % values.length]!;
}

function sampleValue(s: unknown, variant: number, locale: string): unknown {
  if (!isObject(s) || s['x-derived'] !== undefined) return undefined;
  if (s.const !== undefined) return isObject(s.const) ? undefined : s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return pick(s.enum, variant);
  if (typeof s.contentMediaType === 'string' || typeof s.contentEncoding === 'string') return undefined;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || isObject(s.properties)) {
    const out: Json = {};
    for (const [k, p] of Object.entries(isObject(s.properties) ? s.properties : {})) {
      const value = sampleValue(p, variant, locale);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  if (type === 'array') {
    const items = s.items;
    if (isObject(items) && Array.isArray(items.enum) && items.enum.length > 0) return [pick(items.enum, variant)];
    const item = sampleValue(items, variant, locale);
    const min = typeof s.minItems === 'number' ? s.minItems : 1;
    return item === undefined ? undefined : Array.from({ length: Math.max(1, min) }, () => item);
  }
  if (type === 'boolean') return variant % 2 === 0;
  if (type === 'integer' || type === 'number') {
    const lo = num(s.minimum) ?? (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! + 1 : undefined);
    const hi = num(s.maximum) ?? (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! - 1 : undefined);
    const base = lo ?? (hi !== undefined ? Math.min(hi, 1) : 1);
    const n = base + variant;
    return hi !== undefined && n > hi ? base : n;
  }
  if (type === 'string') {
    if (s.format === 'date') return variant % 2 === 0 ? '1990-05-17' : '2001-11-03';
    if (s.format === 'email') return 'name@example.org';
    if (typeof s.pattern === 'string' || isObject(s.const)) return undefined;
    const word = locale.toLowerCase().startsWith('de') ? 'Beispiel' : 'Example';
    const min = typeof s.minLength === 'number' ? s.minLength : 0;
    const max = typeof s.maxLength === 'number' ? s.maxLength : 200;
    let text = word;
    while (text.length < min) text += ` ${word}`;
    return text.slice(0, Math.max(min, Math.min(max, text.length)));
  }
  return undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The paths (dotted) of what `given` has and `kept` does not: the answers conditions hid. */
export function removedPaths(given: unknown, kept: unknown, prefix = ''): string[] {
  if (!isObject(given)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(given)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!isObject(kept) || !(k in kept)) out.push(path);
    else if (isObject(v)) out.push(...removedPaths(v, kept[k], path));
  }
  return out;
}
