import type { FimDocument, FimField, FimGroup, FimRule } from './read-xdf.js';
import { fimIdKey } from './read-xdf.js';
import { parseRule, type Comparator, type Condition, type Effect, type Reference, type Test } from './parse-rule.js';
import type { ImportWarning, RuleOutcome } from './report.js';

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

/**
 * Turns the rules of a document that `parseRule` reads into conditions that keep the rule's id in `x-fim-rule`:
 * `shown` rules become `when` on the layout entries of their targets, `hidden` rules a `when` that holds while
 * the condition does not, `required` rules `if`/`then` pairs in the root schema's `allOf`. A rule the parser
 * cannot read is reported as not understood, one it reads but that the form cannot express as not applied,
 * each with the reason.
 */
export function applyRules(document: FimDocument, placed: readonly Placed[], root: Schema, warnings: ImportWarning[]): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  const seen = new Set<string>();
  const conditionals: Schema[] = [];
  const owners: { rule: FimRule; owner: Placed | undefined }[] = document.rules.map((rule) => ({ rule, owner: undefined }));
  for (const p of placed) for (const rule of p.element.rules) owners.push({ rule, owner: p });
  for (const { rule, owner } of owners) {
    const key = `${rule.id}@${rule.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = { id: rule.id, version: rule.version, name: rule.name, text: rule.text };
    const result = applyRule(rule, owner, placed, conditionals);
    if ('notUnderstood' in result) {
      outcomes.push({ ...base, status: 'not-understood', note: result.notUnderstood });
      warnings.push({ code: 'RULE_NOT_UNDERSTOOD', fimId: rule.id, message: `rule ${rule.id} "${rule.name}" was not turned into a condition: ${result.notUnderstood}` });
    } else if ('reason' in result) {
      outcomes.push({ ...base, status: 'not-applied', note: result.reason });
      warnings.push({ code: 'RULE_NOT_APPLIED', fimId: rule.id, message: `rule ${rule.id} "${rule.name}" was read but not applied: ${result.reason}` });
    } else {
      outcomes.push({ ...base, status: 'applied', note: result.note });
    }
  }
  if (conditionals.length > 0) root['allOf'] = conditionals;
  return outcomes;
}

type Result = { note: string } | { reason: string } | { notUnderstood: string };

function applyRule(rule: FimRule, owner: Placed | undefined, placed: readonly Placed[], conditionals: Schema[]): Result {
  if (rule.type === 'B') return { notUnderstood: 'it is a calculation (Regeltyp B); the import carries no calculations over' };
  if (!rule.text.trim()) return { notUnderstood: 'it has no free text (freitextRegel or definition)' };
  const parsed = parseRule(rule.text);
  if ('reason' in parsed) return { notUnderstood: parsed.reason };
  const ownerPath = owner?.element.kind === 'group' ? owner.path : (owner?.path.slice(0, -1) ?? []);
  const context = { ownerPath, placed };
  const condition = conditionSchema(parsed.condition, context);
  if ('reason' in condition) return condition;
  let targetRefs: readonly Reference[] = parsed.targets;
  if (targetRefs.length === 0 && rule.targets && rule.targets.length > 0) targetRefs = rule.targets.map((id) => ({ id }));
  const targets: Placed[] = [];
  if (targetRefs.length === 0) {
    if (!owner) return { reason: 'it names no field or group to act on, and belongs to the whole schema' };
    targets.push(owner);
  }
  for (const ref of targetRefs) {
    const target = resolve(ref.id, context, condition.sources[0]);
    if ('reason' in target) return target;
    if (target.inList) return { reason: `${ref.id} lies inside a repeatable group` };
    if (condition.sources.includes(target)) return { reason: `${ref.id} is both tested and acted on` };
    targets.push(target);
  }
  const tagged = { [RULE_KEYWORD]: rule.id, ...condition.schema };
  for (const target of targets) {
    if (parsed.effect === 'required') {
      conditionals.push({ [RULE_KEYWORD]: rule.id, if: condition.schema, then: requiredAt(target) });
    } else {
      const when = parsed.effect === 'shown' ? tagged : { [RULE_KEYWORD]: rule.id, not: condition.schema };
      target.entry.when = target.entry.when ? { allOf: [target.entry.when, when] } : when;
    }
  }
  const names = targets.map((t) => t.path.join('.')).join(', ');
  return { note: `${names} ${effectText(parsed.effect)} when ${condition.text}` };
}

function effectText(effect: Effect): string {
  return effect === 'shown' ? 'shown only' : effect === 'hidden' ? 'hidden' : 'required';
}

interface Context {
  readonly ownerPath: readonly string[];
  readonly placed: readonly Placed[];
}

/** The JSON Schema of a condition over the form's whole data, a readable text of it, and the fields it tests. */
function conditionSchema(condition: Condition, context: Context): { schema: Schema; text: string; sources: Placed[] } | { reason: string } {
  switch (condition.kind) {
    case 'not': {
      const inner = conditionSchema(condition.part, context);
      return 'reason' in inner ? inner : { schema: { not: inner.schema }, text: `not (${inner.text})`, sources: inner.sources };
    }
    case 'and':
    case 'or': {
      const parts = [];
      for (const part of condition.parts) {
        const inner = conditionSchema(part, context);
        if ('reason' in inner) return inner;
        parts.push(inner);
      }
      return {
        schema: { [condition.kind === 'and' ? 'allOf' : 'anyOf']: parts.map((p) => p.schema) },
        text: parts.map((p) => p.text).join(` ${condition.kind} `),
        sources: parts.flatMap((p) => p.sources),
      };
    }
    case 'test': {
      const source = resolve(condition.field.id, context, undefined);
      if ('reason' in source) return source;
      if (source.element.kind !== 'field') {
        if (condition.test.op !== 'filled') return { reason: `${condition.field.id} is a group, and a group has no value to compare` };
        return { schema: nest(source.path, {}), text: `${source.path.join('.')} is filled in`, sources: [source] };
      }
      if (source.repeated || source.inList) return { reason: `${condition.field.id} is repeated or inside a repeatable group` };
      const leaf = valueCondition(source, condition.test, condition.field);
      if ('reason' in leaf) return leaf;
      return { schema: nest(source.path, leaf.schema), text: `${source.path.join('.')} ${leaf.text}`, sources: [source] };
    }
  }
}

/** The one placed element with the FIM id `id`; when it is used several times, the one under the rule's owner, then beside the source. */
function resolve(id: string, context: Context, source: Placed | undefined): Placed | { reason: string } {
  const key = fimIdKey(id);
  let found = context.placed.filter((p) => fimIdKey(p.element.id) === key);
  if (found.length === 0) return { reason: `${id} is not part of this schema` };
  const under = (p: Placed, prefix: readonly string[]) => prefix.every((name, i) => p.path[i] === name);
  if (found.length > 1 && context.ownerPath.length > 0) found = found.filter((p) => under(p, context.ownerPath));
  if (found.length > 1 && source) found = found.filter((p) => under(p, source.path.slice(0, -1)) && p.path.length === source.path.length);
  if (found.length !== 1) return { reason: `${id} occurs ${found.length === 0 ? 'only outside the element the rule belongs to' : 'several times'}, so it is not clear which one is meant` };
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
function valueCondition(source: Placed, test: Test, ref: Reference): { schema: Schema; text: string } | { reason: string } {
  const id = source.element.id;
  const type = source.schema?.['type'];
  const isBool = type === 'boolean';
  switch (test.op) {
    case 'yes':
    case 'no':
      return isBool ? { schema: { const: test.op === 'yes' }, text: `is ${test.op}` } : { reason: `the condition asks for yes or no, but ${id} is not a yes/no field` };
    case 'selected':
      return isBool ? { schema: { const: true }, text: 'is yes' } : { schema: {}, text: 'is filled in' };
    case 'filled':
      return { schema: {}, text: 'is filled in' };
    case 'in': {
      const codes: unknown[] = [];
      for (const value of test.values) {
        const code = matchValue(source, value, ref);
        if ('reason' in code) return code;
        if (!codes.includes(code.value)) codes.push(code.value);
      }
      const schema = codes.length === 1 ? { const: codes[0] } : { enum: codes };
      return { schema, text: codes.length === 1 ? `is ${JSON.stringify(codes[0])}` : `is one of ${codes.map((c) => JSON.stringify(c)).join(', ')}` };
    }
    case 'compare': {
      if (test.age) {
        return source.schema?.['format'] === 'date'
          ? { reason: `it compares the age given by the date ${id} with ${test.number} years, which depends on today's date and cannot be written as a fixed condition` }
          : type === 'number' || type === 'integer'
            ? { schema: { [COMPARE_KEYWORDS.number[test.comparator]]: test.number }, text: `${test.comparator} ${test.number}` }
            : { reason: `it compares an age, but ${id} is neither a date nor a number` };
      }
      if (type !== 'number' && type !== 'integer') return { reason: `it compares ${id} with the number ${test.number}, but ${id} is not a number field` };
      return { schema: { [COMPARE_KEYWORDS.number[test.comparator]]: test.number }, text: `${test.comparator} ${test.number}` };
    }
    case 'compare-date':
      if (source.schema?.['format'] !== 'date') return { reason: `it compares ${id} with the date ${test.date}, but ${id} is not a date field` };
      return { schema: dateCondition(test.comparator, test.date), text: `${test.comparator} ${test.date}` };
  }
}

/**
 * The value stored in data for a value as a rule writes it: a code list's code, given as the code itself, its
 * label, or both ("03 Sonstiges"); "ja"/"nein" for a yes/no field; a number for a number field; the text for a
 * text field.
 */
function matchValue(source: Placed, value: string, ref: Reference): { value: unknown } | { reason: string } {
  const id = source.element.id;
  const type = source.schema?.['type'];
  const wanted = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (type === 'boolean') {
    if (wanted === 'ja' || wanted === 'true') return { value: true };
    if (wanted === 'nein' || wanted === 'false') return { value: false };
    // `F1 "Einverständnis" ausgewählt`: the quoted text is the field's own name.
    if (wanted === source.element.label.toLowerCase() || wanted === source.element.name.toLowerCase()) return { value: true };
    return { reason: `"${value}" is not a value of the yes/no field ${id}` };
  }
  if (source.options) {
    const entries = [...source.options];
    const byCode = entries.filter(([code]) => code.toLowerCase() === wanted);
    if (byCode.length === 1) return { value: byCode[0]![0] };
    const byBoth = entries.filter(([code, label]) => `${code} ${label}`.toLowerCase().replace(/\s+/g, ' ') === wanted || `${code} - ${label}`.toLowerCase() === wanted);
    if (byBoth.length === 1) return { value: byBoth[0]![0] };
    const byLabel = entries.filter(([, label]) => label.toLowerCase().replace(/\s+/g, ' ') === wanted);
    if (byLabel.length === 1) return { value: byLabel[0]![0] };
    if (byLabel.length > 1) return { reason: `"${value}" is the label of ${byLabel.length} choices of ${id}` };
    return { reason: `"${value}" is not a choice of ${id}${ref.name ? ` "${ref.name}"` : ''}` };
  }
  if (source.element.kind === 'field' && source.element.codeList) return { reason: `the code list of ${id} was not supplied, so "${value}" cannot be matched to a code` };
  if (type === 'number' || type === 'integer') {
    const n = Number(value.replace(',', '.'));
    return Number.isFinite(n) ? { value: n } : { reason: `${id} is a number field and "${value}" is not a number` };
  }
  return type === 'string' ? { value } : { reason: `${id} cannot hold the value "${value}"` };
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
