import { canonicalJson, type DeepReadonly, type ProgramDefinition } from '@civicflow/core';

/** Whether something is new in the later definition, gone from it, or in both but different. */
export type ChangeKind = 'added' | 'removed' | 'changed';

/** What a field is, as far as a reader of the changes cares: its type (or `choice` for a list of values) and whether it is required. */
export interface FieldShape {
  type: string;
  required: boolean;
}

/** A field of a form (dotted path; `[]` marks the items of a list) added, removed, or changed. */
export interface FieldChange {
  form: string;
  field: string;
  kind: ChangeKind;
  before?: FieldShape;
  after?: FieldShape;
  /** For `changed`: what differs. `rules` is anything else of the field's schema (limits, pattern, values, format). */
  what?: ('type' | 'required' | 'rules')[];
}

/** A whole form added, removed, or changed in what is not a field (its layout, its pages). */
export interface FormChange {
  form: string;
  kind: ChangeKind;
}

/** One text of one locale added, removed, or reworded. */
export interface TextChange {
  locale: string;
  key: string;
  kind: ChangeKind;
  before?: string;
  after?: string;
}

/** A state of the workflow added, removed, or changed (its transitions, whether it is final, what the applicant is told). */
export interface StateChange {
  state: string;
  kind: ChangeKind;
}

/** An event of the workflow added, removed, or changed (its form, its roles), or one whose transitions changed. */
export interface EventChange {
  event: string;
  kind: ChangeKind;
}

/** A timer of a state (`state`, named by the event it sends) or a deadline (`deadline`) added, removed, or changed. */
export interface TimerChange {
  kind: ChangeKind;
  state?: string;
  deadline?: string;
  /** The event the timer sends. */
  send: string;
  before?: string;
  after?: string;
}

/** What differs between two definitions of one program, as data that a reader turns into words. */
export interface ProgramChanges {
  version: { before: string; after: string };
  forms: FormChange[];
  fields: FieldChange[];
  texts: TextChange[];
  states: StateChange[];
  events: EventChange[];
  timers: TimerChange[];
  /** Other parts (title, locales, monitoring, retention, versions, …) by their top-level key. */
  other: { part: string; kind: ChangeKind }[];
  /** Whether anything at all differs (the version number aside). */
  changed: boolean;
}

type Json = DeepReadonly<unknown>;
type Obj = { readonly [key: string]: Json };

const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json, b: Json) => canonicalJson(a) === canonicalJson(b);
const entries = (v: Json): [string, Json][] => (isObject(v) ? Object.entries(v) : []);

/** Keys of both maps, those of `before` first in their order, then those only `after` has: a stable, readable order. */
function keysOf(before: Json, after: Json): string[] {
  return [...new Set([...entries(before).map(([k]) => k), ...entries(after).map(([k]) => k)])];
}

/** added, removed, changed or nothing, for a value that may be missing on either side. */
function kindOf(before: Json | undefined, after: Json | undefined): ChangeKind | undefined {
  if (before === undefined) return after === undefined ? undefined : 'added';
  if (after === undefined) return 'removed';
  return same(before, after) ? undefined : 'changed';
}

function typeOf(schema: Obj): string {
  if (Array.isArray(schema['enum']) || schema['const'] !== undefined) return 'choice';
  const items = schema['items'];
  if (schema['type'] === 'array' && isObject(items) && (Array.isArray(items['enum']) || items['const'] !== undefined)) return 'choices';
  const t = schema['type'];
  if (typeof t === 'string') return t === 'string' && typeof schema['format'] === 'string' ? (schema['format'] as string) : t;
  if (Array.isArray(t)) return [...(t as string[])].join('|');
  return 'any';
}

/** A field's own schema without what the walk looks at separately (its nested fields). */
function ownRules(schema: Obj): Obj {
  const own: Record<string, Json> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' || k === 'required') continue;
    if (k === 'items' && isObject(v) && isObject(v['properties'])) continue;
    own[k] = v;
  }
  return own;
}

interface FlatField {
  shape: FieldShape;
  rules: Obj;
}

/** Every field of an object schema, nested ones included, by dotted path (`list[].field` for the items of a list). */
function flattenFields(schema: Json, prefix = '', into = new Map<string, FlatField>()): Map<string, FlatField> {
  if (!isObject(schema)) return into;
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  for (const [name, sub] of entries(schema['properties'])) {
    if (!isObject(sub)) continue;
    const path = prefix + name;
    into.set(path, { shape: { type: typeOf(sub), required: required.has(name) }, rules: ownRules(sub) });
    if (isObject(sub['properties'])) flattenFields(sub, `${path}.`, into);
    const items = sub['items'];
    if (isObject(items) && isObject(items['properties'])) flattenFields(items, `${path}[].`, into);
  }
  return into;
}

function fieldChanges(form: string, before: Json, after: Json): FieldChange[] {
  const a = flattenFields(before);
  const b = flattenFields(after);
  const out: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(field);
    const y = b.get(field);
    if (!x) out.push({ form, field, kind: 'added', after: y!.shape });
    else if (!y) out.push({ form, field, kind: 'removed', before: x.shape });
    else {
      const what: ('type' | 'required' | 'rules')[] = [];
      if (x.shape.type !== y.shape.type) what.push('type');
      if (x.shape.required !== y.shape.required) what.push('required');
      // The type and format are the type's part; limits, pattern, the values of a choice and the rest are rules.
      if (!same({ ...x.rules, type: null, format: null }, { ...y.rules, type: null, format: null })) what.push('rules');
      if (what.length > 0) out.push({ form, field, kind: 'changed', before: x.shape, after: y.shape, what });
    }
  }
  return out;
}

/** A state's timers by the event each sends (a state's timers send different events, as the workflow checks require). */
function timersOf(state: Json): Map<string, string> {
  const out = new Map<string, string>();
  const after = isObject(state) ? state['after'] : undefined;
  if (!Array.isArray(after)) return out;
  for (const t of after as Json[]) {
    if (!isObject(t) || typeof t['send'] !== 'string') continue;
    out.set(t['send'] as string, canonicalJson({ ...t, send: undefined }));
  }
  return out;
}

/** `{"duration":"P14D"}` → `P14D`: the words of a timer's when, or its JSON when it has more than a duration. */
function whenOf(json: string | undefined): string | undefined {
  if (json === undefined) return undefined;
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const keys = Object.keys(parsed);
  if (keys.length === 1 && typeof parsed[keys[0]!] === 'string') return parsed[keys[0]!] as string;
  return json;
}

/**
 * What differs from `before` (the live version) to `after` (a draft): forms and their fields (type, required, other
 * rules), every text of every locale, the workflow's states, events and timers (a state's `after` timers and the
 * deadlines), and the other top-level parts. The order follows the definitions: `before`'s order, then what is new.
 */
export function programChanges(before: DeepReadonly<ProgramDefinition>, after: DeepReadonly<ProgramDefinition>): ProgramChanges {
  const b = before as unknown as Obj;
  const a = after as unknown as Obj;
  const forms: FormChange[] = [];
  const fields: FieldChange[] = [];
  for (const form of keysOf(b['forms'], a['forms'])) {
    const x = (b['forms'] as Obj | undefined)?.[form] as Obj | undefined;
    const y = (a['forms'] as Obj | undefined)?.[form] as Obj | undefined;
    const kind = kindOf(x, y);
    if (kind === undefined) continue;
    fields.push(...fieldChanges(form, x?.['schema'], y?.['schema']));
    if (kind !== 'changed') forms.push({ form, kind });
    else if (!same({ ...x, schema: null }, { ...y, schema: null })) forms.push({ form, kind });
  }

  const texts: TextChange[] = [];
  for (const locale of keysOf(b['texts'], a['texts'])) {
    const x = (b['texts'] as Obj | undefined)?.[locale];
    const y = (a['texts'] as Obj | undefined)?.[locale];
    for (const key of keysOf(x, y)) {
      const t = isObject(x) ? (x[key] as string | undefined) : undefined;
      const u = isObject(y) ? (y[key] as string | undefined) : undefined;
      const kind = kindOf(t, u);
      if (kind) texts.push({ locale, key, kind, ...(t !== undefined ? { before: t } : {}), ...(u !== undefined ? { after: u } : {}) });
    }
  }

  const wb = (b['workflow'] ?? {}) as Obj;
  const wa = (a['workflow'] ?? {}) as Obj;
  const states: StateChange[] = [];
  const timers: TimerChange[] = [];
  for (const state of keysOf(wb['states'], wa['states'])) {
    const x = (wb['states'] as Obj | undefined)?.[state];
    const y = (wa['states'] as Obj | undefined)?.[state];
    const kind = kindOf(x, y);
    if (kind === undefined) continue;
    const tx = timersOf(x);
    const ty = timersOf(y);
    for (const send of new Set([...tx.keys(), ...ty.keys()])) {
      const tk = kindOf(tx.get(send), ty.get(send));
      const was = whenOf(tx.get(send));
      const now = whenOf(ty.get(send));
      if (tk) timers.push({ kind: tk, state, send, ...(was !== undefined ? { before: was } : {}), ...(now !== undefined ? { after: now } : {}) });
    }
    // A state that differs only in its timers is listed under the timers alone.
    if (kind !== 'changed' || !same({ ...(x as Obj), after: null }, { ...(y as Obj), after: null })) states.push({ state, kind });
  }
  for (const deadline of keysOf(wb['deadlines'], wa['deadlines'])) {
    const x = (wb['deadlines'] as Obj | undefined)?.[deadline] as Obj | undefined;
    const y = (wa['deadlines'] as Obj | undefined)?.[deadline] as Obj | undefined;
    const kind = kindOf(x, y);
    const was = x && whenOf(canonicalJson({ ...x, send: undefined }));
    const now = y && whenOf(canonicalJson({ ...y, send: undefined }));
    if (kind) timers.push({ kind, deadline, send: ((y ?? x)!['send'] as string) ?? '', ...(was !== undefined ? { before: was } : {}), ...(now !== undefined ? { after: now } : {}) });
  }

  // An event changed when its declaration did, or when a transition on it did (in any state, or the workflow's `on`).
  const transitionsOf = (w: Obj, event: string) =>
    canonicalJson([
      (w['on'] as Obj | undefined)?.[event] ?? null,
      ...entries(w['states']).flatMap(([name, s]) => {
        const t = isObject(s) ? (s['on'] as Obj | undefined)?.[event] : undefined;
        return t === undefined ? [] : [[name, t]];
      }),
    ]);
  const events: EventChange[] = [];
  for (const event of keysOf(wb['events'], wa['events'])) {
    const x = (wb['events'] as Obj | undefined)?.[event];
    const y = (wa['events'] as Obj | undefined)?.[event];
    const kind = kindOf(x, y) ?? (x !== undefined && transitionsOf(wb, event) !== transitionsOf(wa, event) ? 'changed' : undefined);
    if (kind) events.push({ event, kind });
  }

  const other: { part: string; kind: ChangeKind }[] = [];
  const seen = new Set(['id', 'version', '$schema', 'forms', 'texts']);
  for (const part of keysOf(b, a)) {
    if (seen.has(part)) continue;
    if (part === 'workflow') {
      const rest = (w: Obj) => ({ ...w, states: null, deadlines: null, events: null, on: null });
      const kind = kindOf(b['workflow'] === undefined ? undefined : rest(wb), a['workflow'] === undefined ? undefined : rest(wa));
      if (kind) other.push({ part, kind });
      continue;
    }
    const kind = kindOf(b[part], a[part]);
    if (kind) other.push({ part, kind });
  }

  const changed = forms.length + fields.length + texts.length + states.length + events.length + timers.length + other.length > 0;
  return { version: { before: before.version, after: after.version }, forms, fields, texts, states, events, timers, other, changed };
}
