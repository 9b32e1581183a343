import type { ProgramDocument } from '../document/program-document.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A derived value or a rule across fields of a form, as the designer lists it at the form. */
export type FormRule =
  /** A field worked out from others: `x-derived`. */
  | { readonly kind: 'derived'; readonly field: string; readonly expression: string }
  /** A field compared with another by a keyword whose limit is `{ "$data": … }`; `negated` inside `not`. */
  | { readonly kind: 'compare'; readonly field: string; readonly keyword: string; readonly other: string; readonly negated: boolean };

const comparing = ['const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum'];

/**
 * The derived values and the rules across fields of a form, in schema order: every `x-derived`, and every comparing
 * keyword whose limit is another field's value (`$data`), with that field's dotted path worked out from the pointer.
 */
export function formRules(doc: ProgramDocument, form: string): FormRule[] {
  const out: FormRule[] = [];
  // `at` is the dotted path of the field a keyword checks, `data` its data path (`*` for a list's entries).
  const walk = (s: unknown, at: string[], data: string[], negated: boolean) => {
    if (Array.isArray(s)) return s.forEach((x) => walk(x, at, data, negated));
    if (!isObject(s)) return;
    if (typeof s['x-derived'] === 'string') out.push({ kind: 'derived', field: at.join('.'), expression: s['x-derived'] });
    for (const k of comparing) {
      const limit = s[k];
      if (isObject(limit) && typeof limit.$data === 'string') {
        const m = /^(\d+)((?:\/[^/]*)*)$/.exec(limit.$data);
        if (m) {
          const base = data.slice(0, Math.max(0, data.length - Number(m[1])));
          const other = [...base, ...m[2]!.split('/').filter((x) => x !== '')].filter((x) => x !== '*' && !/^\d+$/.test(x));
          out.push({ kind: 'compare', field: at.join('.'), keyword: k, other: other.join('.'), negated });
        }
      }
    }
    if (isObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) walk(v, [...at, k], [...data, k], negated);
    if (isObject(s.items)) walk(s.items, at, [...data, '*'], negated);
    for (const k of ['allOf', 'anyOf', 'oneOf', 'then', 'else']) walk(s[k], at, data, negated);
    walk(s.not, at, data, !negated);
    if (isObject(s.dependentSchemas)) for (const v of Object.values(s.dependentSchemas)) walk(v, at, data, negated);
  };
  walk(doc.get(['forms', form, 'schema']), [], [], false);
  return out;
}

/** The words a rule is said in. */
export interface FormRuleWords {
  readonly sum: string;
  readonly count: string;
  readonly ageAt: string;
  readonly daysBetween: string;
  readonly formula: string;
  readonly compare: Readonly<Record<string, string>>;
  readonly differs: string;
  /** The opening and closing quotation marks of the language. */
  readonly quotes: readonly [string, string];
}

/**
 * A rule in words: "“Total costs” is the sum of “Costs › Amount”", "“Next review” is after “Agreed on”". An
 * expression the words do not cover is said as its formula, with the fields' labels for their paths.
 */
export function describeFormRule(rule: FormRule, words: FormRuleWords, label: (path: string) => string): string {
  const fill = (t: string, p: Record<string, string>) => t.replace(/\{(\w+)\}/g, (_m, k: string) => p[k] ?? '');
  const q = (path: string) => `${words.quotes[0]}${label(path)}${words.quotes[1]}`;
  if (rule.kind === 'compare') {
    const phrase = rule.negated && rule.keyword === 'const' ? words.differs : (words.compare[rule.keyword] ?? rule.keyword);
    return fill(phrase, { field: q(rule.field), other: q(rule.other) });
  }
  const e = rule.expression.trim();
  const path = '([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)';
  const one = new RegExp(`^(sum|count)\\(\\s*${path}\\s*\\)$`).exec(e);
  if (one) return fill(one[1] === 'sum' ? words.sum : words.count, { field: q(rule.field), of: q(one[2]!) });
  const age = new RegExp(`^ageAt\\(\\s*${path}\\s*,\\s*(?:'(\\d{4}-\\d{2}-\\d{2})'|${path})\\s*\\)$`).exec(e);
  if (age) return fill(words.ageAt, { field: q(rule.field), of: q(age[1]!), on: age[2] ?? q(age[3]!) });
  const days = new RegExp(`^daysBetween\\(\\s*${path}\\s*,\\s*${path}\\s*\\)$`).exec(e);
  if (days) return fill(words.daysBetween, { field: q(rule.field), from: q(days[1]!), to: q(days[2]!) });
  const known = new Set(['sum', 'count', 'min', 'max', 'round', 'ageAt', 'daysBetween', 'true', 'false', 'null']);
  const formula = e.replace(/'[^']*'|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g, (m) => (m.startsWith("'") || known.has(m) ? m : q(m)));
  return fill(words.formula, { field: q(rule.field), formula });
}
