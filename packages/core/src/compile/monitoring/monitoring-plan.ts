import type { ValidateFunction } from 'ajv';
import type { DeepReadonly, Program, ProgramDefinition } from '../../model/program.js';
import type { JsonSchema } from '../../model/json-schema.js';
import { createAjv } from '../create-ajv.js';
import { listFormFields } from '../../runtime/form-fields.js';
import { textKeys } from '../../runtime/text-keys.js';
import { textLookupFor } from '../../runtime/locale.js';
import { indicatorSets, MONITORING_MOMENTS, type MonitoringMomentName, type SetInput } from './indicator-sets.js';

type MonitoringDefinition = NonNullable<DeepReadonly<ProgramDefinition>['monitoring']>;

/** The gender groups the data is broken down by; `noAnswer` holds every other value of the gender field. */
export type GenderGroup = 'women' | 'men' | 'nonBinary' | 'noAnswer';

export const GENDER_GROUPS: readonly GenderGroup[] = ['women', 'men', 'nonBinary', 'noAnswer'];

/** A field a moment needs, with the form that asks it (for its label). */
export interface NeededField {
  readonly path: string;
  readonly form: string | undefined;
}

/** An indicator of the plan: the set's and the program's own, in that order. */
export interface PlannedIndicator {
  readonly id: string;
  readonly moment: MonitoringMomentName;
  /** From the indicator set (tested on the mapped inputs) or the program's own (tested on the case data). */
  readonly own: boolean;
  /** Where the regulation names it, for the set's indicators. */
  readonly source: string | undefined;
  readonly test: (data: unknown, inputs: Record<string, unknown>) => boolean;
}

/** A program's monitoring, worked out once: what `readParticipant` and the exports use. */
export interface MonitoringPlan {
  readonly program: Program;
  readonly moments: readonly { readonly name: MonitoringMomentName; readonly date: string; readonly needs: readonly NeededField[] }[];
  readonly gender: { readonly field: string; readonly values: Readonly<Record<Exclude<GenderGroup, 'noAnswer'>, string>> };
  readonly person: readonly string[];
  readonly inputs: readonly { readonly name: string; readonly field: string; readonly input: SetInput; readonly toSet: ReadonlyMap<unknown, string> }[];
  readonly indicators: readonly PlannedIndicator[];
  readonly reportingDates: readonly string[];
  readonly identityRoles: readonly string[] | undefined;
}

/** What a participant's case data says for the monitoring. */
export interface ParticipantReading {
  /** Whether the case reached the entry moment (short contacts never do). */
  readonly participant: boolean;
  /** The person's identity fields, written one way (trimmed, one space, lower case), or undefined when one is empty. */
  readonly personKey: string | undefined;
  readonly gender: GenderGroup;
  /** The date of each moment reached (`YYYY-MM-DD`). */
  readonly dates: Readonly<Partial<Record<MonitoringMomentName, string>>>;
  /** The indicators the participant counts for, at moments reached. */
  readonly indicators: readonly string[];
  /** The mapped inputs, in the set's values. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The fields a moment reached needs and that hold no value. */
  readonly missing: readonly (NeededField & { readonly moment: MonitoringMomentName })[];
  /** A participant with nothing missing. */
  readonly countable: boolean;
}

/** A value at a dotted path of the data, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The form (first in order) that has a field at this path, outside lists. */
export function formOfField(definition: DeepReadonly<ProgramDefinition>, path: string): string | undefined {
  for (const [id, form] of Object.entries(definition.forms)) {
    if (listFormFields(form.schema as JsonSchema).some((f) => f.path === path && !f.inList)) return id;
  }
  return undefined;
}

/** Every input mapping as field and values. */
export function inputMapping(entry: MonitoringDefinition['inputs'] extends infer T ? (T extends Record<string, infer V> ? V : never) : never): {
  field: string;
  values: Readonly<Record<string, readonly string[]>>;
} {
  if (typeof entry === 'string') return { field: entry, values: {} };
  const values = Object.fromEntries(Object.entries(entry.values ?? {}).map(([k, v]) => [k, typeof v === 'string' ? [v] : v]));
  return { field: entry.field, values };
}

const plans = new WeakMap<Program, MonitoringPlan | null>();

/**
 * The monitoring of a checked program, or undefined when it has none. `loadProgram` has checked that every field it
 * names exists and every input of its indicator set is mapped.
 */
export function monitoringPlan(program: Program): MonitoringPlan | undefined {
  const known = plans.get(program);
  if (known !== undefined) return known ?? undefined;
  const m = program.definition.monitoring;
  if (!m) {
    plans.set(program, null);
    return undefined;
  }
  const def = program.definition;
  const set = m.uses ? indicatorSets[m.uses] : undefined;
  const ajv = createAjv({ allErrors: false });
  const inputs = Object.entries(set?.inputs ?? {}).flatMap(([name, input]) => {
    const entry = m.inputs?.[name];
    if (entry === undefined) return [];
    const { field, values } = inputMapping(entry);
    const toSet = new Map<unknown, string>(Object.entries(values).flatMap(([setValue, own]) => own.map((fieldValue) => [fieldValue, setValue] as const)));
    return [{ name, field, input, toSet }];
  });
  const needed = new Map<MonitoringMomentName, Map<string, NeededField>>();
  const need = (moment: MonitoringMomentName, path: string) => {
    const at = needed.get(moment) ?? new Map<string, NeededField>();
    needed.set(moment, at);
    if (!at.has(path)) at.set(path, { path, form: formOfField(def, path) });
  };
  need('entry', m.gender.field);
  for (const p of m.person) need('entry', p);
  for (const i of inputs) need(i.input.moment, i.field);
  for (const name of MONITORING_MOMENTS) for (const p of m.moments[name]?.required ?? []) need(name, p);
  const moments = MONITORING_MOMENTS.flatMap((name) => {
    const moment = m.moments[name];
    return moment ? [{ name, date: moment.date, needs: [...(needed.get(name)?.values() ?? [])] }] : [];
  });
  const indicators: PlannedIndicator[] = [];
  for (const [id, ind] of Object.entries(set?.indicators ?? {})) {
    const check = ajv.compile(ind.when as object) as ValidateFunction;
    indicators.push({ id, moment: ind.moment, own: false, source: ind.source, test: (_data, mapped) => check(mapped) });
  }
  for (const [id, ind] of Object.entries(m.indicators ?? {})) {
    const check = ajv.compile(ind.when as object) as ValidateFunction;
    indicators.push({ id, moment: ind.moment, own: true, source: undefined, test: (data) => check(data) });
  }
  const plan: MonitoringPlan = {
    program,
    moments,
    gender: { field: m.gender.field, values: m.gender.values },
    person: m.person,
    inputs,
    indicators,
    reportingDates: [...(m.reportingDates ?? [])].sort(),
    identityRoles: m.identityRoles,
  };
  plans.set(program, plan);
  return plan;
}

/** A value written one way, so that the same person typed twice is recognised: trimmed, one space, lower case, NFC. */
const oneWay = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase() : hasValue(v) ? JSON.stringify(v) : '');

/** What a case's data says for the monitoring: participant or not, gender group, moments, indicators and what is missing. */
export function readParticipant(plan: MonitoringPlan, data: unknown): ParticipantReading {
  const dates: Partial<Record<MonitoringMomentName, string>> = {};
  const missing: (NeededField & { moment: MonitoringMomentName })[] = [];
  for (const moment of plan.moments) {
    const date = valueAt(data, moment.date);
    if (typeof date !== 'string' || date === '') continue;
    dates[moment.name] = date;
    for (const f of moment.needs) if (!hasValue(valueAt(data, f.path))) missing.push({ ...f, moment: moment.name });
  }
  const inputs: Record<string, unknown> = {};
  for (const i of plan.inputs) {
    const v = valueAt(data, i.field);
    if (!hasValue(v)) continue;
    const mapOne = (x: unknown) => i.toSet.get(x) ?? x;
    inputs[i.name] = Array.isArray(v) ? v.map(mapOne) : mapOne(v);
  }
  const participant = dates.entry !== undefined;
  const indicators = participant ? plan.indicators.filter((ind) => dates[ind.moment] !== undefined && ind.test(data, inputs)).map((ind) => ind.id) : [];
  const g = valueAt(data, plan.gender.field);
  const v = plan.gender.values;
  const gender: GenderGroup = g === v.women ? 'women' : g === v.men ? 'men' : g === v.nonBinary ? 'nonBinary' : 'noAnswer';
  const parts = plan.person.map((p) => oneWay(valueAt(data, p)));
  return {
    participant,
    personKey: parts.every((p) => p !== '') ? parts.join('\u001f') : undefined,
    gender,
    dates,
    indicators,
    inputs,
    missing: participant ? missing : [],
    countable: participant && missing.length === 0,
  };
}

/** The words for what a participant lacks, in a locale: each field's label (its path where it has none), once. */
export function missingWords(plan: MonitoringPlan, missing: readonly NeededField[], locale: string): string[] {
  const def = plan.program.definition;
  const text = textLookupFor(def.texts, def.locales, locale);
  return [...new Set(missing.map((f) => (f.form ? text(textKeys.fieldLabel(f.form, f.path)) : undefined) ?? f.path))];
}

/** An indicator's title in a locale: the set's own words (German or English), or the program's text. */
export function indicatorTitle(plan: MonitoringPlan, id: string, locale: string): string {
  const def = plan.program.definition;
  const ind = plan.indicators.find((i) => i.id === id);
  if (ind?.own) return textLookupFor(def.texts, def.locales, locale)(`monitoring.indicators.${id}.title`) ?? id;
  const set = def.monitoring?.uses ? indicatorSets[def.monitoring.uses] : undefined;
  const title = set?.indicators[id]?.title;
  return title ? (locale.toLowerCase().startsWith('de') ? title.de : title.en) : id;
}
