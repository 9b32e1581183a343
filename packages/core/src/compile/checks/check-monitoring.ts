import type { ProgramCheck } from './context.js';
import type { FieldInfo } from '../../runtime/form-fields.js';
import type { JsonSchema } from '../../model/json-schema.js';
import { listFormFields } from '../../runtime/form-fields.js';
import { escapePointerToken as esc } from '../../runtime/pointer.js';
import { checkSubschemas, compileProblem } from './check-subschemas.js';
import { indicatorSets, MONITORING_MOMENTS } from '../monitoring/indicator-sets.js';
import { inputMapping } from '../monitoring/monitoring-plan.js';

/** The values a field can hold: its `enum` or `const` (for a list, its items'), or undefined when they are open. */
function offeredValues(field: FieldInfo, list: boolean): readonly unknown[] | undefined {
  const s = list ? (field.schema['items'] as Record<string, unknown> | undefined) : field.schema;
  if (!s || typeof s !== 'object') return undefined;
  if (Array.isArray(s['enum'])) return s['enum'] as unknown[];
  if ('const' in s) return [s['const']];
  return undefined;
}

/**
 * Monitoring: every field it names (moment dates, gender, the person's identity, inputs, fields a moment requires) is
 * a field of one of the forms, outside lists, and each moment's date is a date; every input of the indicator set is
 * mapped, to a field that offers each of the set's values (under its own name where `values` says so); the gender field
 * offers the values named for women, men and non-binary persons; indicators are counted at moments the program
 * records; their conditions are valid; the roles that may read identities are roles of the workflow.
 */
export const checkMonitoring: ProgramCheck = (ctx) => {
  const def = ctx.definition;
  const m = def.monitoring;
  if (!m) return;
  const fields = new Map<string, FieldInfo>();
  for (const form of Object.values(def.forms)) {
    for (const f of listFormFields(form.schema as JsonSchema)) if (!f.inList && f.kind === 'value' && !fields.has(f.path)) fields.set(f.path, f);
  }
  const field = (path: string, at: string): FieldInfo | undefined => {
    const f = fields.get(path);
    if (!f) ctx.report('MONITORING_FIELD_UNKNOWN', at, { field: path });
    return f;
  };
  for (const name of MONITORING_MOMENTS) {
    const moment = m.moments[name];
    if (!moment) continue;
    const at = `/monitoring/moments/${name}`;
    const date = field(moment.date, `${at}/date`);
    if (date && date.schema['format'] !== 'date') ctx.report('MONITORING_DATE_NOT_DATE', `${at}/date`, { field: moment.date });
    (moment.required ?? []).forEach((p, i) => field(p, `${at}/required/${i}`));
  }
  const gender = field(m.gender.field, '/monitoring/gender/field');
  const genderValues = gender && offeredValues(gender, false);
  if (genderValues) {
    for (const [group, value] of Object.entries(m.gender.values)) {
      if (!genderValues.includes(value)) ctx.report('MONITORING_VALUE_MISSING', `/monitoring/gender/values/${group}`, { field: m.gender.field, value });
    }
  }
  m.person.forEach((p, i) => field(p, `/monitoring/person/${i}`));
  const set = m.uses ? indicatorSets[m.uses] : undefined;
  const inputs = m.inputs ?? {};
  for (const [name, entry] of Object.entries(inputs)) {
    const at = `/monitoring/inputs/${esc(name)}`;
    const input = set?.inputs[name];
    if (!input) {
      ctx.report('MONITORING_INPUT_UNKNOWN', at, { input: name, inputs: Object.keys(set?.inputs ?? {}).join(', ') || '–' });
      continue;
    }
    const { field: path, values } = inputMapping(entry);
    const f = field(path, typeof entry === 'string' ? at : `${at}/field`);
    if (!f) continue;
    if (input.kind === 'integer') {
      if (f.schema['type'] !== 'integer') ctx.report('MONITORING_INPUT_NOT_INTEGER', typeof entry === 'string' ? at : `${at}/field`, { field: path, input: name });
      continue;
    }
    const isList = f.schema['type'] === 'array';
    if (isList !== (input.kind === 'list')) {
      ctx.report(isList ? 'MONITORING_INPUT_NOT_VALUE' : 'MONITORING_INPUT_NOT_LIST', typeof entry === 'string' ? at : `${at}/field`, { field: path, input: name });
      continue;
    }
    const offered = offeredValues(f, isList);
    for (const value of input.values ?? []) {
      for (const own of values[value] ?? [value]) {
        if (offered && !offered.includes(own)) ctx.report('MONITORING_VALUE_MISSING', typeof entry === 'string' ? at : `${at}/values`, { field: path, value: own, input: name, setValue: value });
      }
    }
  }
  if (set) {
    const missing = Object.keys(set.inputs).filter((name) => !Object.hasOwn(inputs, name));
    for (const name of missing) ctx.report('MONITORING_INPUT_MISSING', m.inputs ? '/monitoring/inputs' : '/monitoring', { input: name, set: m.uses });
    const momentsNeeded = new Set(Object.values(set.indicators).map((i) => i.moment));
    for (const moment of momentsNeeded) if (!m.moments[moment]) ctx.report('MONITORING_MOMENT_MISSING', '/monitoring/moments', { moment, set: m.uses });
  }
  for (const [id, ind] of Object.entries(m.indicators ?? {})) {
    const at = `/monitoring/indicators/${esc(id)}`;
    if (!m.moments[ind.moment]) ctx.report('MONITORING_MOMENT_MISSING', `${at}/moment`, { moment: ind.moment, set: id });
    if (set?.indicators[id]) ctx.report('MONITORING_INDICATOR_DUPLICATE', at, { indicator: id, set: m.uses });
    if (!checkSubschemas(ctx, ind.when as JsonSchema, `${at}/when`, false)) continue;
    const problem = compileProblem(ind.when as JsonSchema);
    if (problem) ctx.report('CONDITION_INVALID', `${at}/when`, { detail: problem });
  }
  const roles = new Set(def.workflow?.roles ?? []);
  (m.identityRoles ?? []).forEach((role, i) => {
    if (!roles.has(role)) ctx.report('WORKFLOW_ROLE_UNKNOWN', `/monitoring/identityRoles/${i}`, { role });
  });
};
