import type { FimDocument, FimField, FimGroup, FimRule } from './read-xdf.js';
import { fimIdKey } from './read-xdf.js';
import { parseRule } from './parse-rule.js';
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

/**
 * Turns the rules of a document that `parseRule` understands into conditions: `shown` rules become `when`
 * on the layout entries of their targets, `required` rules `if`/`then` pairs in the root schema's `allOf`.
 * Every other rule is reported as not understood, with the reason.
 */
export function applyRules(document: FimDocument, placed: readonly Placed[], root: Schema, warnings: ImportWarning[]): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  const seen = new Set<string>();
  const conditionals: Schema[] = [];
  const owners: { rule: FimRule; owner: readonly string[] }[] = document.rules.map((rule) => ({ rule, owner: [] }));
  for (const p of placed) for (const rule of p.element.rules) owners.push({ rule, owner: p.path });
  for (const { rule, owner } of owners) {
    const key = `${rule.id}@${rule.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const result = applyRule(rule, owner, placed, conditionals);
    const base = { id: rule.id, version: rule.version, name: rule.name, text: rule.text };
    if ('reason' in result) {
      outcomes.push({ ...base, status: 'not-understood', note: result.reason });
      warnings.push({ code: 'RULE_NOT_UNDERSTOOD', fimId: rule.id, message: `rule ${rule.id} "${rule.name}" was not turned into a condition: ${result.reason}` });
    } else {
      outcomes.push({ ...base, status: 'applied', note: result.note });
    }
  }
  if (conditionals.length > 0) root['allOf'] = conditionals;
  return outcomes;
}

function applyRule(rule: FimRule, owner: readonly string[], placed: readonly Placed[], conditionals: Schema[]): { note: string } | { reason: string } {
  const parsed = parseRule(rule.text);
  if ('reason' in parsed) return parsed;
  const source = resolve(parsed.source, owner, placed, undefined);
  if ('reason' in source) return source;
  if (source.element.kind !== 'field' || source.repeated || source.inList) {
    return { reason: `${parsed.source} is ${source.element.kind !== 'field' ? 'a group, not a field' : 'repeated or inside a repeatable group'}` };
  }
  const leaf = valueCondition(source, parsed.value);
  if ('reason' in leaf) return leaf;
  const condition = nest(source.path, leaf.schema);
  const targets: Placed[] = [];
  for (const id of parsed.targets) {
    const target = resolve(id, owner, placed, source);
    if ('reason' in target) return target;
    if (target.inList) return { reason: `${id} lies inside a repeatable group` };
    targets.push(target);
  }
  for (const target of targets) {
    if (parsed.effect === 'shown') target.entry.when = target.entry.when ? { allOf: [target.entry.when, condition] } : condition;
    else conditionals.push({ if: condition, then: requiredAt(target.path) });
  }
  const names = targets.map((t) => t.path.join('.')).join(', ');
  return { note: `${names} ${parsed.effect === 'shown' ? 'shown only' : 'required'} when ${source.path.join('.')} is ${JSON.stringify(leaf.value)}` };
}

/** The one placed element with the FIM id `id`; when it is used several times, the one under the rule's owner, then beside the source. */
function resolve(id: string, owner: readonly string[], placed: readonly Placed[], source: Placed | undefined): Placed | { reason: string } {
  const key = fimIdKey(id);
  let found = placed.filter((p) => fimIdKey(p.element.id) === key);
  if (found.length === 0) return { reason: `${id} is not part of this schema` };
  const under = (p: Placed, prefix: readonly string[]) => prefix.every((name, i) => p.path[i] === name);
  if (found.length > 1 && owner.length > 0) found = found.filter((p) => under(p, owner));
  if (found.length > 1 && source) found = found.filter((p) => under(p, source.path.slice(0, -1)) && p.path.length === source.path.length);
  if (found.length !== 1) return { reason: `${id} occurs ${found.length === 0 ? 'only outside the element the rule belongs to' : 'several times'}, so it is not clear which one is meant` };
  return found[0]!;
}

function valueCondition(source: Placed, value: boolean | string): { schema: Schema; value: unknown } | { reason: string } {
  const type = source.schema?.['type'];
  if (typeof value === 'boolean') {
    return type === 'boolean' ? { schema: { const: value }, value } : { reason: `the condition asks for yes/no, but ${source.element.id} is not a yes/no field` };
  }
  if (source.options) {
    const wanted = value.toLowerCase();
    const code = [...source.options].find(([c, label]) => c === value || label.toLowerCase() === wanted)?.[0];
    return code === undefined ? { reason: `"${value}" is not a choice of ${source.element.id}` } : { schema: { const: code }, value: code };
  }
  return type === 'string' ? { schema: { const: value }, value } : { reason: `${source.element.id} cannot hold the value "${value}"` };
}

/** A condition that holds when the property at `path` matches `leaf`. */
function nest(path: readonly string[], leaf: Schema): Schema {
  let schema = leaf;
  for (let i = path.length - 1; i >= 0; i--) schema = { properties: { [path[i]!]: schema }, required: [path[i]!] };
  return schema;
}

/** A schema that requires the property at `path` (and the groups around it). */
function requiredAt(path: readonly string[]): Schema {
  const [first, ...rest] = path;
  return rest.length === 0 ? { required: [first!] } : { properties: { [first!]: requiredAt(rest) }, required: [first!] };
}
