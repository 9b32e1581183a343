import type { JsonPath } from '../document/json-path.js';
import { ProgramDocument, type Operation } from '../document/program-document.js';
import { parseJsonText } from '../document/json-text.js';
import { designerError } from '../errors.js';
import type { FieldKind } from './field-kinds.js';
import { localesOf, textOperations } from './form-model.js';
import { sameJson } from './conditions.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a rule across fields asks of a field, compared with another field's value. */
export type CompareOp = 'equals' | 'differs' | 'atLeast' | 'atMost' | 'moreThan' | 'lessThan' | 'onOrAfter' | 'onOrBefore' | 'after' | 'before';

/** The JSON Schema keyword of each comparison; "differs" is `not` of `const`, inside `dependentSchemas`. */
export const keywordOf: Readonly<Record<CompareOp, string>> = {
  equals: 'const',
  differs: 'not',
  atLeast: 'minimum',
  atMost: 'maximum',
  moreThan: 'exclusiveMinimum',
  lessThan: 'exclusiveMaximum',
  onOrAfter: 'formatMinimum',
  onOrBefore: 'formatMaximum',
  after: 'formatExclusiveMinimum',
  before: 'formatExclusiveMaximum',
};
const plainOps = (Object.keys(keywordOf) as CompareOp[]).filter((o) => o !== 'differs');

type Family = 'number' | 'date' | 'text' | 'boolean' | undefined;
const familyOf = (k: FieldKind): Family =>
  k === 'integer' || k === 'number' || k === 'amount' ? 'number' : k === 'date' ? 'date' : k === 'boolean' || k === 'consent' ? 'boolean' : ['text', 'textarea', 'email', 'phone', 'choice'].includes(k) ? 'text' : undefined;

/** The comparisons that fit a field's kind, in the order the editor offers them (none for groups, lists, files). */
export function compareOpsFor(kind: FieldKind): CompareOp[] {
  const f = familyOf(kind);
  if (f === 'number') return ['equals', 'differs', 'atLeast', 'atMost', 'moreThan', 'lessThan'];
  if (f === 'date') return ['equals', 'differs', 'onOrAfter', 'onOrBefore', 'after', 'before'];
  return f ? ['equals', 'differs'] : [];
}

/** Whether a field of one kind can be compared with a field of another: numbers with numbers, dates with dates, … */
export const comparable = (a: FieldKind, b: FieldKind): boolean => familyOf(a) !== undefined && familyOf(a) === familyOf(b);

/** One step down a field's path: the schema whose `properties` hold the key, and the key's own schema. */
interface Step {
  readonly key: string;
  readonly container: JsonPath;
  readonly schema: JsonPath;
  /** Whether the container is a repeated group's entry (`items`): a level of the data. */
  readonly entry: boolean;
}

function stepsOf(doc: ProgramDocument, form: string, path: string): Step[] {
  const out: Step[] = [];
  let container: JsonPath = ['forms', form, 'schema'];
  let entry = false;
  for (const key of path.split('.')) {
    const props = doc.get([...container, 'properties']);
    if (!isObject(props) || !(key in props)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + [...container, 'properties', key].join('/') });
    const schema: JsonPath = [...container, 'properties', key];
    out.push({ key, container, schema, entry });
    const s = doc.get(schema);
    entry = isObject(s) && isObject(s.items);
    container = entry ? [...schema, 'items'] : schema;
  }
  return out;
}

/** The data path of a field: its keys, `*` for each list entry it lies in (what `$data` pointers walk). */
const dataOf = (steps: readonly Step[]): string[] => steps.flatMap((s) => (s.entry ? ['*', s.key] : [s.key]));

/**
 * The relative JSON pointer from one field's data to another's: up to the level both share, then down. Undefined when
 * the other field lies in a repeated group the first is not in (there is no one value to compare with).
 */
export function relativePointer(from: readonly string[], to: readonly string[]): string | undefined {
  let p = 0;
  while (p < from.length - 1 && p < to.length && from[p] === to[p]) p++;
  const rest = to.slice(p);
  if (rest.length === 0 || rest.includes('*')) return undefined;
  return `${from.length - p}/${rest.join('/')}`;
}

/** The dotted path a relative pointer from a field's data leads to, or undefined. */
function resolve(from: readonly string[], pointer: string): string | undefined {
  const m = /^(\d+)((?:\/[^/]+)+)$/.exec(pointer);
  if (!m || Number(m[1]) > from.length) return undefined;
  return [...from.slice(0, from.length - Number(m[1])), ...m[2]!.split('/').slice(1)].filter((x) => x !== '*').join('.');
}

/** Where a rule the editor reads is written. */
export type RulePlace =
  /** The keyword on the field's own schema. */
  | { readonly kind: 'own'; readonly at: JsonPath; readonly keyword: string }
  /** An entry of the field's `allOf` holding only the keyword (beside a fixed limit of the same keyword). */
  | { readonly kind: 'allOf'; readonly at: JsonPath }
  /** "Differs": an entry of `dependentSchemas` of the object holding the other field. */
  | { readonly kind: 'dependent'; readonly at: JsonPath };

export interface FieldRule {
  readonly op: CompareOp;
  /** The other field's dotted path. */
  readonly other: string;
  readonly place: RulePlace;
}

/** A rule the editor cannot present: the members of the object at `at` named by `keys` (all of it without), as JSON. */
export interface JsonRule {
  readonly at: JsonPath;
  readonly keys?: readonly string[];
  readonly value: unknown;
}

const dataRef = (v: unknown): string | undefined => (isObject(v) && Object.keys(v).length === 1 && typeof v.$data === 'string' ? v.$data : undefined);
const opOf = (keyword: string) => plainOps.find((o) => keywordOf[o] === keyword);
const mentions = (v: unknown, what: string) => JSON.stringify(v).includes(what);

/** The schema of "differs" at the object holding the other field: down to the field, `not` `const` of the other. */
function differsSchema(keys: readonly string[], pointer: string): Json {
  let s: Json = { not: { const: { $data: pointer } } };
  for (const k of [...keys].reverse()) s = { properties: { [k]: s } };
  return s;
}

/**
 * The rules across fields a field has, as the editor shows them, and those it cannot present (kept as JSON): `$data`
 * elsewhere in the field's schema, `dependentSchemas` entries that name it in another shape, and the form's
 * `if`/`then` pairs whose branches set rules on it.
 */
export function fieldRules(doc: ProgramDocument, form: string, path: string): { rules: FieldRule[]; json: JsonRule[] } {
  const steps = stepsOf(doc, form, path);
  const own = steps.at(-1)!.schema;
  const from = dataOf(steps);
  const schema = doc.get(own);
  const rules: FieldRule[] = [];
  const json: JsonRule[] = [];
  if (isObject(schema)) {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties' || k === 'items') continue;
      const op = opOf(k);
      const ref = dataRef(v);
      const other = ref === undefined ? undefined : resolve(from, ref);
      if (op && other) rules.push({ op, other, place: { kind: 'own', at: own, keyword: k } });
      else if (k === 'allOf' && Array.isArray(v)) {
        v.forEach((entry, i) => {
          const keys = isObject(entry) ? Object.keys(entry) : [];
          const o = keys.length === 1 ? opOf(keys[0]!) : undefined;
          const r = o ? dataRef((entry as Json)[keys[0]!]) : undefined;
          const to = r === undefined ? undefined : resolve(from, r);
          if (o && to) rules.push({ op: o, other: to, place: { kind: 'allOf', at: [...own, 'allOf', i] } });
          else if (mentions(entry, '"$data"')) json.push({ at: [...own, 'allOf', i], value: entry });
        });
      } else if (mentions(v, '"$data"')) json.push({ at: own, keys: [k], value: { [k]: v } });
    }
  }
  steps.forEach((step, j) => {
    const deps = doc.get([...step.container, 'dependentSchemas']);
    if (!isObject(deps)) return;
    const below = steps.slice(j);
    for (const [key, dep] of Object.entries(deps)) {
      const other = [...steps.slice(0, j).map((s) => s.key), key].join('.');
      const pointer = below.some((s, i) => i > 0 && s.entry) ? undefined : relativePointer(from, [...dataOf(steps.slice(0, j)), ...(step.entry ? ['*'] : []), key]);
      if (pointer && sameJson(dep, differsSchema(below.map((s) => s.key), pointer))) rules.push({ op: 'differs', other, place: { kind: 'dependent', at: [...step.container, 'dependentSchemas', key] } });
      else if (isObject(dep) && namesField(dep, below.map((s) => s.key))) json.push({ at: [...step.container, 'dependentSchemas', key], value: dep });
    }
  });
  // The form's if/then pairs whose branches set something on the field (other than its being required).
  const root: JsonPath = ['forms', form, 'schema'];
  const top = doc.get(root);
  const keys = steps.map((s) => s.key);
  const pair = (at: JsonPath, s: unknown, whole: boolean) => {
    if (!isObject(s) || s.if === undefined) return;
    if (![s.then, s.else].some((b) => isObject(b) && namesField(b, keys))) return;
    const members = ['if', 'then', 'else'].filter((k) => k in s);
    json.push(whole ? { at, value: s } : { at, keys: members, value: Object.fromEntries(members.map((k) => [k, s[k]])) });
  };
  pair(root, top, false);
  if (isObject(top) && Array.isArray(top.allOf)) top.allOf.forEach((s, i) => pair([...root, 'allOf', i], s, true));
  return { rules, json };
}

/** Whether a schema sets something on the field at `keys` below it (through `properties`). */
function namesField(s: Json, keys: readonly string[]): boolean {
  const [first, ...rest] = keys;
  if (first === undefined) return true;
  const p = isObject(s.properties) ? s.properties[first] : undefined;
  if (isObject(p) && (rest.length === 0 || namesField(p, rest))) return true;
  return ['allOf', 'anyOf', 'oneOf', 'not'].some((k) => {
    const v = s[k];
    return Array.isArray(v) ? v.some((x) => isObject(x) && namesField(x, keys)) : isObject(v) && namesField(v, keys);
  });
}

/** The words a new rule's error text starts with, per locale (`{other}` is the other field's label). */
export type RuleErrorWords = (locale: string) => Readonly<Record<CompareOp, string>>;

export interface RuleTexts {
  /** The default error text of a comparison per locale. */
  readonly words: RuleErrorWords;
  /** A field's label in a locale. */
  readonly label: (path: string, locale: string) => string;
}

const errorKey = (form: string, path: string, keyword: string) => `forms.${form}.fields.${path}.errors.${keyword}`;
const defaultText = (t: RuleTexts, locale: string, op: CompareOp, other: string) => t.words(locale)[op].replace('{other}', t.label(other, locale));

/** The operations that write a rule (not yet its texts), worked out on the document as it is. */
function writeOps(doc: ProgramDocument, form: string, path: string, op: CompareOp, other: string, name: (path: string) => string): Operation[] {
  if (other === path) throw designerError(doc.locale, 'DESIGNER_RULE_OTHER', { other: name(other) });
  const steps = stepsOf(doc, form, path);
  const others = stepsOf(doc, form, other);
  const from = dataOf(steps);
  const own = steps.at(-1)!.schema;
  const schema = doc.get(own) as Json;
  const pointer = relativePointer(from, dataOf(others));
  if (!pointer || path.startsWith(other + '.')) throw designerError(doc.locale, 'DESIGNER_RULE_OTHER', { other: name(other) });
  if (op !== 'differs') {
    const keyword = keywordOf[op];
    const limit = { $data: pointer };
    if (schema[keyword] === undefined) return [{ op: 'add', path: [...own, keyword], value: limit }];
    // A limit of the same keyword is there already (a fixed maximum, say): both hold, the new one in `allOf`.
    const all = schema.allOf;
    if (Array.isArray(all)) return [{ op: 'add', path: [...own, 'allOf', all.length], value: { [keyword]: limit } }];
    return [{ op: 'add', path: [...own, 'allOf'], value: [{ [keyword]: limit }] }];
  }
  // "Differs" sits at the object that holds the other field, keyed by it: it applies only once that field is answered.
  const holder = others.at(-1)!.container.join('/');
  const j = steps.findIndex((s) => s.container.join('/') === holder);
  if (j === -1 || steps.slice(j + 1).some((s) => s.entry)) throw designerError(doc.locale, 'DESIGNER_RULE_DIFFERS_PLACE', { other: name(other) });
  const container = steps[j]!.container;
  const key = others.at(-1)!.key;
  const value = differsSchema(steps.slice(j).map((s) => s.key), pointer);
  const deps = doc.get([...container, 'dependentSchemas']);
  if (isObject(deps)) {
    if (key in deps) throw designerError(doc.locale, 'DESIGNER_RULE_TAKEN', { other: name(other) });
    return [{ op: 'add', path: [...container, 'dependentSchemas', key], value }];
  }
  return [{ op: 'add', path: [...container, 'dependentSchemas'], value: { [key]: value } }];
}

function removeOps(doc: ProgramDocument, place: RulePlace): Operation[] {
  if (place.kind === 'own') return [{ op: 'remove', path: [...place.at, place.keyword] }];
  const list = place.at.slice(0, -1);
  const holder = doc.get(list);
  const count = Array.isArray(holder) ? holder.length : isObject(holder) ? Object.keys(holder).length : 0;
  return [{ op: 'remove', path: count === 1 ? list : place.at }];
}

/** Whether the field still has a limit written with a keyword (on its schema, in its `allOf`, or a "differs"). */
function keeps(doc: ProgramDocument, form: string, path: string, keyword: string): boolean {
  const own = doc.get(stepsOf(doc, form, path).at(-1)!.schema);
  if (isObject(own) && own[keyword] !== undefined) return true;
  return fieldRules(doc, form, path).rules.some((r) => keywordOf[r.op] === keyword);
}

/**
 * Adds a rule: the field's value compared with another field's, as a `{ "$data": … }` limit worked out from the two
 * fields' places (a list entry counts as a level) — "differs" as `dependentSchemas` of the other field. The error text
 * of its keyword is written in every locale unless the field has one. One step.
 *
 * @throws DesignerError `DESIGNER_RULE_OTHER` (itself, a group around it, or a field in a list it is not in),
 *   `DESIGNER_RULE_DIFFERS_PLACE`, `DESIGNER_RULE_TAKEN`.
 */
export function addFieldRule(doc: ProgramDocument, form: string, path: string, op: CompareOp, other: string, texts: RuleTexts, label = path): void {
  doc.apply(writeOps(doc, form, path, op, other, (p) => texts.label(p, doc.locale)), label);
  const keyword = keywordOf[op];
  for (const locale of localesOf(doc)) {
    if (doc.get(['texts', locale, errorKey(form, path, keyword)]) === undefined) doc.amend(textOperations(doc, locale, errorKey(form, path, keyword), defaultText(texts, locale, op, other)));
  }
}

/**
 * Changes a rule's comparison or other field in one step. Its error text goes along to the new keyword; a text that
 * was the one the editor wrote is written anew for the new comparison.
 */
export function changeFieldRule(doc: ProgramDocument, form: string, path: string, rule: FieldRule, op: CompareOp, other: string, texts: RuleTexts, label = path): void {
  if (op === rule.op && other === rule.other) return;
  const before = keywordOf[rule.op];
  const after = keywordOf[op];
  const old = Object.fromEntries(localesOf(doc).map((l) => [l, doc.get(['texts', l, errorKey(form, path, before)])]));
  const name = (p: string) => texts.label(p, doc.locale);
  // Tried on a copy first: a refused change leaves no step behind.
  const trial = ProgramDocument.parse(doc.text, doc.locale);
  trial.apply(removeOps(trial, rule.place), label);
  writeOps(trial, form, path, op, other, name);
  doc.apply(removeOps(doc, rule.place), label);
  doc.amend(writeOps(doc, form, path, op, other, name));
  const stays = keeps(doc, form, path, before);
  for (const locale of localesOf(doc)) {
    const was = old[locale];
    const wasDefault = was === defaultText(texts, locale, rule.op, rule.other);
    const next = wasDefault || typeof was !== 'string' ? defaultText(texts, locale, op, other) : was;
    if (before !== after && !stays && typeof was === 'string') doc.amend(textOperations(doc, locale, errorKey(form, path, before), undefined));
    if (before === after ? wasDefault : doc.get(['texts', locale, errorKey(form, path, after)]) === undefined) doc.amend(textOperations(doc, locale, errorKey(form, path, after), next));
  }
}

/** Removes a rule, and its error texts when the field has no other limit of that keyword. One step. */
export function removeFieldRule(doc: ProgramDocument, form: string, path: string, rule: FieldRule, label = path): void {
  doc.apply(removeOps(doc, rule.place), label);
  const keyword = keywordOf[rule.op];
  if (keeps(doc, form, path, keyword)) return;
  for (const locale of localesOf(doc)) doc.amend(textOperations(doc, locale, errorKey(form, path, keyword), undefined));
}

/** A rule's error text per locale (the text key of its keyword). */
export function ruleErrorTexts(doc: ProgramDocument, form: string, path: string, op: CompareOp): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of localesOf(doc)) {
    const t = doc.get(['texts', l, errorKey(form, path, keywordOf[op])]);
    if (typeof t === 'string') out[l] = t;
  }
  return out;
}

/** Sets a rule's error text in one locale (an empty text is refused by `civicflow check`, so it is kept). */
export function setRuleErrorText(doc: ProgramDocument, form: string, path: string, op: CompareOp, locale: string, text: string, label = path): void {
  doc.apply(textOperations(doc, locale, errorKey(form, path, keywordOf[op]), text), label);
}

/**
 * Replaces a rule kept as JSON with the text typed for it (empty: removes it), in one step.
 *
 * @throws DesignerError `DESIGNER_NOT_JSON` (line and column), `DESIGNER_CONDITION_INVALID` for JSON that is not an object.
 */
export function setJsonRule(doc: ProgramDocument, rule: JsonRule, text: string, label: string): void {
  const value = text.trim() === '' ? undefined : parseJsonText(text, doc.locale).value;
  if (value !== undefined && !isObject(value)) throw designerError(doc.locale, 'DESIGNER_CONDITION_INVALID');
  if (!rule.keys) {
    doc.apply([value === undefined ? { op: 'remove', path: rule.at } : { op: 'replace', path: rule.at, value }], label);
    return;
  }
  const current = doc.get(rule.at) as Json;
  // Only the members the rule is made of: the JSON of an if/then pair cannot reach the schema's other keywords.
  if (value && Object.keys(value).some((k) => !['if', 'then', 'else', ...(rule.keys ?? [])].includes(k))) throw designerError(doc.locale, 'DESIGNER_CONDITION_INVALID');
  const ops: Operation[] = [];
  for (const k of rule.keys) if (!value || !(k in value)) ops.push({ op: 'remove', path: [...rule.at, k] });
  for (const [k, v] of Object.entries(value ?? {})) ops.push(k in current ? { op: 'replace', path: [...rule.at, k], value: v } : { op: 'add', path: [...rule.at, k], value: v });
  doc.apply(ops, label);
}

/**
 * The fields a field can be compared with: of a kind that compares with its own, not itself or a group around it, and
 * not inside a repeated group it is not in itself.
 */
export function comparableFields(doc: ProgramDocument, form: string, path: string, kind: FieldKind, fields: readonly { path: string; kind: FieldKind }[]): string[] {
  const from = dataOf(stepsOf(doc, form, path));
  return fields
    .filter((f) => f.path !== path && !path.startsWith(f.path + '.') && comparable(kind, f.kind))
    .filter((f) => relativePointer(from, dataOf(stepsOf(doc, form, f.path))) !== undefined)
    .map((f) => f.path);
}
