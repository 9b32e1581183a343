import { describe, expect, it } from 'vitest';
import { readExample } from '@civicflow/test-support';
import { codesAt, issuesAfter } from '../../test-support/issues-after.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const hagen = (): Json => structuredClone(readExample('gemeinsam-fuer-hagen')) as Json;
const issuesOf = (change: (p: Json) => void, locale = 'en') => issuesAfter(hagen(), change, locale);

describe('checkMonitoring', () => {
  it('accepts Gemeinsam für Hagen, which maps every input of the ESF Plus set', () => {
    expect(issuesOf(() => {})).toEqual([]);
  });

  it('reports a field the monitoring names that no form has, with a pointer to where it is named', () => {
    const issues = issuesOf((p) => {
      p.monitoring.moments.leaving.date = 'leftAt';
      p.monitoring.person[2] = 'dateOfBirth';
      p.monitoring.inputs.education = 'schooling';
      p.monitoring.inputs.situationOnLeaving.field = 'situation';
    });
    expect(codesAt(issues)).toEqual([
      'MONITORING_FIELD_UNKNOWN /monitoring/moments/leaving/date',
      'MONITORING_FIELD_UNKNOWN /monitoring/person/2',
      'MONITORING_FIELD_UNKNOWN /monitoring/inputs/education',
      'MONITORING_FIELD_UNKNOWN /monitoring/inputs/situationOnLeaving/field',
    ]);
    expect(issues[2]!.message).toBe('The monitoring names the field "schooling", which is no field of this program\'s forms (outside lists). Write its path from the form\'s root, such as entry.gender.');
  });

  it('says so in German too', () => {
    const [issue] = issuesOf((p) => (p.monitoring.inputs.education = 'schooling'), 'de');
    expect(issue!.message).toContain('Das Monitoring nennt das Feld „schooling“');
  });

  it('reports an input of the set that is not mapped, and an input the set does not have', () => {
    const issues = issuesOf((p) => {
      delete p.monitoring.inputs.disability;
      p.monitoring.inputs.disabled = 'disability';
    });
    expect(codesAt(issues)).toEqual(['MONITORING_INPUT_UNKNOWN /monitoring/inputs/disabled', 'MONITORING_INPUT_MISSING /monitoring/inputs']);
    expect(issues[1]!.params).toEqual({ input: 'disability', set: 'esf-plus-2021' });
  });

  it('reports a sensitive question without "no answer", and a mapped value the field does not offer', () => {
    const issues = issuesOf((p) => {
      p.forms.entry.schema.properties.disability.enum = ['yes', 'no'];
      p.monitoring.inputs.situationOnLeaving.values.employed = ['socialInsuranceJob', 'marginalJob'];
    });
    expect(codesAt(issues)).toEqual(['MONITORING_VALUE_MISSING /monitoring/inputs/disability', 'MONITORING_VALUE_MISSING /monitoring/inputs/situationOnLeaving/values']);
    expect(issues.map((i) => i.params['value'])).toEqual(['noAnswer', 'marginalJob']);
  });

  it('reports a moment date that is no date, a number input that is no integer, a list for a single value, and gender values the field lacks', () => {
    const issues = issuesOf((p) => {
      p.monitoring.moments.entry.date = 'givenName';
      p.monitoring.inputs.age = 'education';
      p.monitoring.inputs.education = 'situationOnLeaving';
      p.monitoring.gender.values.nonBinary = 'x';
    });
    expect(codesAt(issues)).toEqual([
      'MONITORING_DATE_NOT_DATE /monitoring/moments/entry/date',
      'MONITORING_VALUE_MISSING /monitoring/gender/values/nonBinary',
      'MONITORING_INPUT_NOT_INTEGER /monitoring/inputs/age',
      'MONITORING_INPUT_NOT_VALUE /monitoring/inputs/education',
    ]);
  });

  it('reports a moment the set counts at that the program does not record, an own indicator that reuses a set id, a bad condition and an unknown role', () => {
    const issues = issuesOf((p) => {
      delete p.monitoring.moments.followUp;
      p.monitoring.indicators.inactive = { moment: 'entry', when: { properties: { employmentStatus: { constant: 'inactive' } } } };
      for (const l of ['de', 'en', 'ar']) p.texts[l]['monitoring.indicators.inactive.title'] = 'x';
      p.monitoring.identityRoles = ['coordinator', 'auditor'];
    });
    expect(codesAt(issues)).toEqual([
      'MONITORING_MOMENT_MISSING /monitoring/moments',
      'MONITORING_INDICATOR_DUPLICATE /monitoring/indicators/inactive',
      'CONDITION_INVALID /monitoring/indicators/inactive/when/properties/employmentStatus/constant',
      'WORKFLOW_ROLE_UNKNOWN /monitoring/identityRoles/1',
    ]);
  });

  it('asks for the title of each own indicator in every locale', () => {
    const issues = issuesOf((p) => delete p.texts.ar['monitoring.indicators.miniJobOnLeaving.title']);
    expect(codesAt(issues)).toEqual(['TEXT_MISSING /texts/ar/monitoring.indicators.miniJobOnLeaving.title']);
  });

  it('refuses a set the format does not know, through the meta-schema', () => {
    const issues = issuesOf((p) => (p.monitoring.uses = 'esf-2014'));
    expect(issues.map((i) => i.code)).toEqual(['SCHEMA_INVALID']);
    expect(issues[0]!.pointer).toBe('/monitoring/uses');
  });
});
