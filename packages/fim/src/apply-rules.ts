import type { FimDocument, FimField, FimGroup, FimRule } from './read-xdf.js';
import { fimIdKey } from './read-xdf.js';
import { parseRule, type AgeDay, type Comparator, type Condition, type Effect, type Reference, type Test } from './parse-rule.js';
import type { ImportWarning, RuleOutcome, RuleReason, RuleReasonCode, TextParams } from './report.js';
import { createWarning, ruleReasonText } from './messages.js';
import { propertyName } from './property-name.js';

type Schema = Record<string, unknown>;

/** A field entry of the UI layout; the import fills in `when` for rules. */
export interface LayoutEntry {
  field: string;
  widget?: string;
  fields?: LayoutEntry[];
  when?: Schema;
}

/** A FIM element as placed in the program: its property path, schema and layout entry. */
export interface Placed {
  readonly element: FimField | FimGroup;
  /** Property names from the form's root; list positions are not part of it. */
  readonly path: readonly string[];
  /** Whether it lies inside a repeatable group. */
  readonly inList: boolean;
  /** Whether it is itself repeated (an array). */
  readonly repeated: boolean;
  readonly entry: LayoutEntry;
  schema?: Schema;
  options?: ReadonlyMap<string, string> | undefined;
}

/** The keyword that names the FIM rule a condition came from. */
export const RULE_KEYWORD = 'x-fim-rule';

/** What rules may add to the program besides conditions: derived ages with their texts and layout entries. */
export interface RuleTarget {
  /** The form's root schema; `required` rules go into its `allOf`. */
  readonly root: Schema;
  readonly pages: readonly { readonly fields: LayoutEntry[] }[];
  /** The form's German texts, keyed as in the program. */
  readonly texts: Record<string, string>;
  readonly formId: string;
  /** The day an age is counted on when a rule names none (`YYYY-MM-DD`). */
  readonly ageOn?: string | undefined;
}

/**
 * Turns the rules of a document that `parseRule` reads into conditions that keep the rule's id in `x-fim-rule`:
 * `shown` rules become `when` on the layout entries of their targets, `hidden` rules a `when` that holds while
 * the condition does not, `required` and `one` ("entweder … oder") rules `if`/`then` pairs in the root schema's
 * `allOf`. An age becomes a derived field (`x-derived: ageAt(…)`) beside the date it is worked out from. A rule
 * the parser cannot read is reported as not understood, one it reads but that the form cannot express as not
 * applied, each with the reason.
 */
export function applyRules(document: FimDocument, placed: readonly Placed[], target: RuleTarget, warnings: ImportWarning[]): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  const seen = new Set<string>();
  const conditionals: Schema[] = [];
  const owners: { rule: FimRule; owner: Placed | undefined }[] = document.rules.map((rule) => ({ rule, owner: undefined }));
  for (const p of placed) for (const rule of p.element.rules) owners.push({ rule, owner: p });
  const ages = new Map<string, Placed>();
  for (const { rule, owner } of owners) {
    const key = `${rule.id}@${rule.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = { id: rule.id, version: rule.version, name: rule.name, text: rule.text };
    const ownerPath = owner?.element.kind === 'group' ? owner.path : (owner?.path.slice(0, -1) ?? []);
    // The rule's own ages: kept for later rules only when the rule applies and places them.
    const context: Context = { ownerPath, placed, target, ages: new Map(ages), pending: [] };
    const result = applyRule(rule, owner, context, conditionals);
    if ('note' in result) for (const [k, v] of context.ages) ages.set(k, v);
    const params = { id: rule.id, name: rule.name };
    if ('notUnderstood' in result) {
      const warning = createWarning('RULE_NOT_UNDERSTOOD', rule.id, params, result.notUnderstood);
      outcomes.push({ ...base, status: 'not-understood', note: ruleReasonText(result.notUnderstood, 'en'), reason: result.notUnderstood });
      warnings.push(warning);
    } else if ('notApplied' in result) {
      const warning = createWarning('RULE_NOT_APPLIED', rule.id, params, result.notApplied);
      outcomes.push({ ...base, status: 'not-applied', note: ruleReasonText(result.notApplied, 'en'), reason: result.notApplied });
      warnings.push(warning);
    } else {
      outcomes.push({ ...base, status: 'applied', note: result.note });
    }
  }
  if (conditionals.length > 0) target.root['allOf'] = conditionals;
  return outcomes;
}

type Result = { note: string } | { notApplied: RuleReason } | { notUnderstood: RuleReason };
type Why = { why: RuleReason };
const why = (code: RuleReasonCode, params: TextParams = {}): Why => ({ why: { code, params } });

function applyRule(rule: FimRule, owner: Placed | undefined, context: Context, conditionals: Schema[]): Result {
  if (rule.type === 'B') return { notUnderstood: { code: 'RULE_CALCULATION', params: {} } };
  if (!rule.text.trim()) return { notUnderstood: { code: 'RULE_NO_TEXT', params: {} } };
  const parsed = parseRule(rule.text);
  if ('reason' in parsed) return { notUnderstood: { code: parsed.code, params: parsed.params } };
  const result = conditionsOf(rule, owner, parsed.condition, parsed.effect, parsed.targets, context);
  if ('why' in result) return { notApplied: result.why };
  // Only a rule that is applied adds its derived ages to the form.
  for (const add of context.pending) add();
  conditionals.push(...result.conditionals);
  return { note: result.note };
}

/** The conditions a rule becomes (the `when`s of `shown` and `hidden` rules are set at once), or why it cannot. */
function conditionsOf(
  rule: FimRule,
  owner: Placed | undefined,
  parsedCondition: Condition | undefined,
  effect: Effect,
  targetRefs: readonly Reference[],
  context: Context,
): { conditionals: Schema[]; note: string } | Why {
  const condition = parsedCondition ? conditionSchema(parsedCondition, context) : undefined;
  if (condition && 'why' in condition) return condition;
  if (targetRefs.length === 0 && rule.targets && rule.targets.length > 0) targetRefs = rule.targets.map((id) => ({ id }));
  const targets: Placed[] = [];
  if (targetRefs.length === 0) {
    if (!owner) return why('RULE_NO_TARGET');
    targets.push(owner);
  }
  for (const ref of targetRefs) {
    const target = resolve(ref.id, context, condition?.sources[0]);
    if ('why' in target) return target;
    if (target.inList) return why('RULE_IN_LIST', { id: ref.id });
    if (condition?.sources.includes(target)) return why('RULE_TESTED_AND_TARGET', { id: ref.id });
    targets.push(target);
  }
  const names = targets.map((t) => t.path.join('.')).join(', ');
  const when = condition ? ` when ${condition.text}` : '';
  const conditionals: Schema[] = [];
  const tag = { [RULE_KEYWORD]: rule.id };
  if (effect === 'one') {
    conditionals.push(...exactlyOne(targets, condition?.schema, tag, context));
    return { conditionals, note: `exactly one of ${names} required${when}` };
  }
  // Only "entweder … oder" stands without a condition.
  if (!condition) return why('RULE_NO_IF');
  for (const target of targets) {
    if (effect === 'required') {
      conditionals.push({ ...tag, if: condition.schema, then: requiredAt(target) });
    } else {
      const shownWhen = effect === 'shown' ? { ...tag, ...condition.schema } : { ...tag, not: condition.schema };
      context.pending.push(() => (target.entry.when = target.entry.when ? { allOf: [target.entry.when, shownWhen] } : shownWhen));
    }
  }
  return { conditionals, note: `${names} ${effectText(effect)}${when}` };
}

/**
 * "Entweder A oder B": while none is given, each is required; while one is given with another, it is refused
 * (`false`). The errors thus sit on the fields, and their words (in the form's texts) name the choice.
 */
function exactlyOne(targets: readonly Placed[], condition: Schema | undefined, tag: Schema, context: Context): Schema[] {
  const given = targets.map(givenAt);
  const labels = targets.map((t) => `„${t.element.label}“`);
  const choice = `${labels.slice(0, -1).join(', ')} oder ${labels[labels.length - 1]!}`;
  const when = (part: Schema) => (condition ? { allOf: [condition, part] } : part);
  const out: Schema[] = [{ ...tag, if: when({ not: { anyOf: given } }), then: { allOf: targets.map(requiredAt) } }];
  targets.forEach((target, i) => {
    const others = given.filter((_, j) => j !== i);
    out.push({ ...tag, if: when({ allOf: [given[i]!, others.length === 1 ? others[0]! : { anyOf: others }] }), then: refusedAt(target) });
    const key = (code: string) => `forms.${context.target.formId}.fields.${target.path.join('.')}.errors.${code}`;
    context.pending.push(() => {
      // A target its group requires keeps the usual words: they are also said when the group is given without it.
      if (!requiredInGroup(target, context.target.root)) context.target.texts[key('required')] ??= `Bitte geben Sie entweder ${choice} an.`;
      context.target.texts[key('falseSchema')] ??= `Bitte geben Sie nur eines an: ${choice}.`;
    });
  });
  return out;
}

/** Whether the group around `target` requires it (the form's root does not count: the rule would then be moot). */
function requiredInGroup(target: Placed, root: Schema): boolean {
  if (target.path.length < 2) return false;
  let parent = root;
  for (const name of target.path.slice(0, -1)) parent = (parent['properties'] as Record<string, Schema>)[name]!;
  return ((parent['required'] as string[] | undefined) ?? []).includes(target.path[target.path.length - 1]!);
}

function effectText(effect: Effect): string {
  return effect === 'shown' ? 'shown only' : effect === 'hidden' ? 'hidden' : 'required';
}

interface Context {
  readonly ownerPath: readonly string[];
  readonly placed: readonly Placed[];
  readonly target: RuleTarget;
  /** The derived ages made so far, by date field and day. */
  readonly ages: Map<string, Placed>;
  /** Changes to the form that wait until the whole rule is known to apply. */
  readonly pending: (() => void)[];
}

/** The JSON Schema of a condition over the form's whole data, a readable text of it, and the fields it tests. */
function conditionSchema(condition: Condition, context: Context): { schema: Schema; text: string; sources: Placed[] } | Why {
  switch (condition.kind) {
    case 'not': {
      const inner = conditionSchema(condition.part, context);
      return 'why' in inner ? inner : { schema: { not: inner.schema }, text: `not (${inner.text})`, sources: inner.sources };
    }
    case 'and':
    case 'or':
    case 'one': {
      const parts = [];
      for (const part of condition.parts) {
        const inner = conditionSchema(part, context);
        if ('why' in inner) return inner;
        parts.push(inner);
      }
      const keyword = { and: 'allOf', or: 'anyOf', one: 'oneOf' }[condition.kind];
      const text = parts.map((p) => p.text).join(` ${condition.kind === 'and' ? 'and' : 'or'} `);
      return { schema: { [keyword]: parts.map((p) => p.schema) }, text: condition.kind === 'one' ? `exactly one of (${text})` : text, sources: parts.flatMap((p) => p.sources) };
    }
    case 'test': {
      const source = resolve(condition.field.id, context, undefined);
      if ('why' in source) return source;
      if (source.element.kind !== 'field') {
        if (condition.test.op !== 'filled') return why('RULE_GROUP_VALUE', { id: condition.field.id });
        return { schema: givenAt(source), text: `${source.path.join('.')} is filled in`, sources: [source] };
      }
      if (source.repeated || source.inList) return why('RULE_IN_LIST', { id: condition.field.id });
      const test = condition.test;
      if (test.op === 'compare' && test.age && source.schema?.['format'] === 'date') return ageCondition(source, test, context);
      // An age typed in as a number cannot be counted again on another day.
      if (test.op === 'compare' && test.on) return why('RULE_AGE_NOT_DATE', { variant: 'day', id: condition.field.id });
      const leaf = valueCondition(source, test, condition.field);
      if ('why' in leaf) return leaf;
      return { schema: nest(source.path, leaf.schema), text: `${source.path.join('.')} ${leaf.text}`, sources: [source] };
    }
  }
}

/**
 * An age from a date of birth, compared in full years on a day: the rule's own (a date, or a date field), else
 * the import's `ageOn`. It becomes a derived field beside the date (`x-derived: ageAt(…)`, shown read-only
 * under its label), and the condition compares that field.
 */
function ageCondition(source: Placed, test: Extract<Test, { op: 'compare' }>, context: Context): { schema: Schema; text: string; sources: Placed[] } | Why {
  const day: AgeDay | undefined = test.on ?? (context.target.ageOn ? { date: context.target.ageOn } : undefined);
  if (!day) return why('RULE_AGE_NO_DAY', { id: source.element.id, years: test.number });
  let dayArgument: string;
  let dayLabel: string;
  const sources = [source];
  if ('date' in day) {
    dayArgument = `'${day.date}'`;
    dayLabel = `am ${day.date.slice(8, 10)}.${day.date.slice(5, 7)}.${day.date.slice(0, 4)}`;
  } else {
    const other = resolve(day.field.id, context, source);
    if ('why' in other) return other;
    if (other.element.kind !== 'field' || other.schema?.['format'] !== 'date') return why('RULE_NOT_DATE', { variant: 'day', id: day.field.id });
    if (other.repeated || other.inList) return why('RULE_IN_LIST', { id: day.field.id });
    dayArgument = other.path.join('.');
    dayLabel = `am Tag „${other.element.label}“`;
    sources.push(other);
  }
  const key = `${source.path.join('.')}|${dayArgument}`;
  let age = context.ages.get(key);
  if (!age) {
    age = derivedAge(source, `ageAt(${source.path.join('.')}, ${dayArgument})`, `Alter ${dayLabel}`, context);
    context.ages.set(key, age);
  }
  const schema = nest(age.path, { [COMPARE_KEYWORDS.number[test.comparator]]: test.number });
  return { schema, text: `${age.path.join('.')} (${(age.schema!['x-derived'] as string)}) ${test.comparator} ${test.number}`, sources };
}

/** A derived field right after `source`, in its group and its layout; placed in the form once the rule applies. */
function derivedAge(source: Placed, expression: string, label: string, context: Context): Placed {
  const parentPath = source.path.slice(0, -1);
  let parent = context.target.root;
  for (const name of parentPath) parent = (parent['properties'] as Record<string, Schema>)[name]!;
  const properties = parent['properties'] as Record<string, Schema>;
  const name = propertyName(label, new Set([...Object.keys(properties), ...[...context.ages.values()].filter((a) => a.path.length === source.path.length && a.path.slice(0, -1).join('.') === parentPath.join('.')).map((a) => a.path[a.path.length - 1]!)]), 'alter');
  const path = [...parentPath, name];
  const entry: LayoutEntry = { field: name };
  const age: Placed = { element: { ...source.element, label, rules: [] } as FimField, path, inList: false, repeated: false, entry, schema: { type: 'integer', 'x-derived': expression } };
  context.pending.push(() => {
    if (properties[name]) return;
    // Keep the order of the group: the age right after its date.
    const entries = Object.entries(properties);
    const at = entries.findIndex(([n]) => n === source.path[source.path.length - 1]) + 1;
    entries.splice(at, 0, [name, age.schema!]);
    for (const key of Object.keys(properties)) delete properties[key];
    Object.assign(properties, Object.fromEntries(entries));
    const list = layoutListOf(source.entry, context.target.pages);
    if (list) list.splice(list.indexOf(source.entry) + 1, 0, entry);
    const textKey = `forms.${context.target.formId}.fields.${path.join('.')}`;
    context.target.texts[`${textKey}.label`] = label;
    context.target.texts[`${textKey}.help`] = `Wird aus „${source.element.label}“ berechnet.`;
  });
  return age;
}

/** The layout list that holds `entry`: a page's fields or a group's. */
function layoutListOf(entry: LayoutEntry, pages: RuleTarget['pages']): LayoutEntry[] | undefined {
  const search = (list: LayoutEntry[]): LayoutEntry[] | undefined => {
    if (list.includes(entry)) return list;
    for (const e of list) {
      const found = e.fields && search(e.fields);
      if (found) return found;
    }
    return undefined;
  };
  for (const page of pages) {
    const found = search(page.fields);
    if (found) return found;
  }
  return undefined;
}

/** The one placed element with the FIM id `id`; when it is used several times, the one under the rule's owner, then beside the source. */
function resolve(id: string, context: Context, source: Placed | undefined): Placed | Why {
  const key = fimIdKey(id);
  let found = context.placed.filter((p) => fimIdKey(p.element.id) === key);
  if (found.length === 0) return why('RULE_ID_UNKNOWN', { id });
  const under = (p: Placed, prefix: readonly string[]) => prefix.every((name, i) => p.path[i] === name);
  if (found.length > 1 && context.ownerPath.length > 0) found = found.filter((p) => under(p, context.ownerPath));
  if (found.length > 1 && source) found = found.filter((p) => under(p, source.path.slice(0, -1)) && p.path.length === source.path.length);
  if (found.length !== 1) return why('RULE_ID_AMBIGUOUS', { id, variant: found.length === 0 ? 'outside' : 'several' });
  return found[0]!;
}

const COMPARE_KEYWORDS = {
  number: { '>': 'exclusiveMinimum', '>=': 'minimum', '<': 'exclusiveMaximum', '<=': 'maximum', '=': 'const' },
} as const;

/**
 * A condition on a date (`YYYY-MM-DD`, which the field's format already ensures) that holds when it lies
 * before or after `date`. Such dates order as their characters do, so "before 2026-01-01" is a pattern: the
 * same first characters, then a smaller digit (`^(?:[01]|20[01]|202[0-5]|2026-00|2026-01-00)`).
 */
export function dateCondition(comparator: Comparator, date: string): Schema {
  if (comparator === '=') return { const: date };
  const below = comparator === '<' || comparator === '<=';
  const branches: string[] = [];
  for (let i = 0; i < date.length; i++) {
    const digit = date.charCodeAt(i) - 48;
    if (date[i] === '-' || (below ? digit === 0 : digit === 9)) continue;
    const range = below ? (digit === 1 ? '0' : `[0-${digit - 1}]`) : digit === 8 ? '9' : `[${digit + 1}-9]`;
    branches.push(`${date.slice(0, i)}${range}`);
  }
  const strict = { pattern: `^(?:${branches.join('|')})` };
  return comparator === '<' || comparator === '>' ? strict : { anyOf: [{ const: date }, strict] };
}


/** The schema a field's value must match for a test, or why the test does not fit the field. */
function valueCondition(source: Placed, test: Test, ref: Reference): { schema: Schema; text: string } | Why {
  const id = source.element.id;
  const type = source.schema?.['type'];
  const isBool = type === 'boolean';
  switch (test.op) {
    case 'yes':
    case 'no':
      return isBool ? { schema: { const: test.op === 'yes' }, text: `is ${test.op}` } : why('RULE_NOT_YES_NO', { id });
    case 'selected':
      return isBool ? { schema: { const: true }, text: 'is yes' } : { schema: {}, text: 'is filled in' };
    case 'filled':
      return { schema: {}, text: 'is filled in' };
    case 'in': {
      const codes: unknown[] = [];
      for (const value of test.values) {
        const code = matchValue(source, value, ref);
        if ('why' in code) return code;
        if (!codes.includes(code.value)) codes.push(code.value);
      }
      const schema = codes.length === 1 ? { const: codes[0] } : { enum: codes };
      return { schema, text: codes.length === 1 ? `is ${JSON.stringify(codes[0])}` : `is one of ${codes.map((c) => JSON.stringify(c)).join(', ')}` };
    }
    case 'compare': {
      if (test.age) {
        // A date's age is worked out by ageCondition; an age given as a number compares as one.
        return type === 'number' || type === 'integer'
          ? { schema: { [COMPARE_KEYWORDS.number[test.comparator]]: test.number }, text: `${test.comparator} ${test.number}` }
          : why('RULE_AGE_NOT_DATE', { id });
      }
      if (type !== 'number' && type !== 'integer') return why('RULE_NOT_NUMBER', { id, number: test.number });
      return { schema: { [COMPARE_KEYWORDS.number[test.comparator]]: test.number }, text: `${test.comparator} ${test.number}` };
    }
    case 'compare-date':
      if (source.schema?.['format'] !== 'date') return why('RULE_NOT_DATE', { id, date: test.date });
      return { schema: dateCondition(test.comparator, test.date), text: `${test.comparator} ${test.date}` };
  }
}

/**
 * The value stored in data for a value as a rule writes it: a code list's code, given as the code itself, its
 * label, or both ("03 Sonstiges"); "ja"/"nein" for a yes/no field; a number for a number field; the text for a
 * text field.
 */
function matchValue(source: Placed, value: string, ref: Reference): { value: unknown } | Why {
  const id = source.element.id;
  const type = source.schema?.['type'];
  const wanted = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (type === 'boolean') {
    if (wanted === 'ja' || wanted === 'true') return { value: true };
    if (wanted === 'nein' || wanted === 'false') return { value: false };
    // `F1 "Einverständnis" ausgewählt`: the quoted text is the field's own name.
    if (wanted === source.element.label.toLowerCase() || wanted === source.element.name.toLowerCase()) return { value: true };
    return why('RULE_VALUE_UNKNOWN', { variant: 'yesno', value, id });
  }
  if (source.options) {
    const entries = [...source.options];
    const byCode = entries.filter(([code]) => code.toLowerCase() === wanted);
    if (byCode.length === 1) return { value: byCode[0]![0] };
    const byBoth = entries.filter(([code, label]) => `${code} ${label}`.toLowerCase().replace(/\s+/g, ' ') === wanted || `${code} - ${label}`.toLowerCase() === wanted);
    if (byBoth.length === 1) return { value: byBoth[0]![0] };
    const byLabel = entries.filter(([, label]) => label.toLowerCase().replace(/\s+/g, ' ') === wanted);
    if (byLabel.length === 1) return { value: byLabel[0]![0] };
    if (byLabel.length > 1) return why('RULE_LABEL_AMBIGUOUS', { value, count: byLabel.length, id });
    return why('RULE_VALUE_UNKNOWN', { variant: 'choice', value, id: ref.name ? `${id} "${ref.name}"` : id });
  }
  if (source.element.kind === 'field' && source.element.codeList) return why('RULE_CODELIST_MISSING', { id, value });
  if (type === 'number' || type === 'integer') {
    const n = Number(value.replace(',', '.'));
    return Number.isFinite(n) ? { value: n } : why('RULE_VALUE_INVALID', { variant: 'number', id, value });
  }
  return type === 'string' ? { value } : why('RULE_VALUE_INVALID', { variant: 'other', id, value });
}


/** A condition that holds when the property at `path` matches `leaf`. */
function nest(path: readonly string[], leaf: Schema): Schema {
  let schema = leaf;
  for (let i = path.length - 1; i >= 0; i--) schema = { properties: { [path[i]!]: schema }, required: [path[i]!] };
  return schema;
}

/**
 * A schema that requires the target (and the groups around it). A group required must be given, and its own
 * required fields then apply; a group without required fields must then hold at least one value, a list one entry.
 */
function requiredAt(target: Placed): Schema {
  const own = target.repeated
    ? { minItems: 1 }
    : target.element.kind === 'group' && ((target.schema?.['required'] as unknown[] | undefined) ?? []).length === 0
      ? { minProperties: 1 }
      : {};
  let schema: Schema = { required: [target.path[target.path.length - 1]!] };
  if (Object.keys(own).length > 0) schema['properties'] = { [target.path[target.path.length - 1]!]: own };
  for (let i = target.path.length - 2; i >= 0; i--) schema = { properties: { [target.path[i]!]: schema }, required: [target.path[i]!] };
  return schema;
}

/** A condition that holds while the field or group is given: a value, a group with one, a list with an entry. */
function givenAt(target: Placed): Schema {
  return nest(target.path, target.repeated ? { minItems: 1 } : target.element.kind === 'group' ? { minProperties: 1 } : {});
}

/** A schema that refuses any value at the target's place (and leaves the data around it alone). */
function refusedAt(target: Placed): Schema {
  let schema: Schema | boolean = false;
  for (let i = target.path.length - 1; i >= 0; i--) schema = { properties: { [target.path[i]!]: schema } };
  return schema as Schema;
}
