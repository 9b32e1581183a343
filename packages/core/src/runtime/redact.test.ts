import { describe, expect, it } from 'vitest';
import { loadProgram } from '../compile/load-program.js';
import { keptByLaw, redact, personalFields, withoutPersonalData } from './redact.js';
import { addContactFields, miniDefinition } from '@civicflow/test-support';

type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const program = (() => {
  const d = miniDefinition() as Def;
  d['forms'].intake.schema.properties.household['x-personal-data'] = true;
  d['forms'].intake.schema.properties.household['x-retention'] = 'P6M';
  return loadProgram(d);
})();

const data = { name: 'Ada', email: 'ada@example.org', housing: 'flat', household: [{ name: 'Bo', age: 3 }] };

describe('redact', () => {
  it('lists the outermost personal fields with their retention', () => {
    expect(personalFields(program, 'intake')).toEqual([
      { path: 'name', retention: 'P2Y', retentionBasis: undefined },
      { path: 'birthDate', retention: undefined, retentionBasis: undefined },
      { path: 'household', retention: 'P6M', retentionBasis: undefined },
    ]);
  });

  it('removes personal data and leaves the rest and the input untouched', () => {
    expect(redact(program, 'intake', data)).toEqual({ email: 'ada@example.org', housing: 'flat' });
    expect(data.name).toBe('Ada');
  });

  it('withoutPersonalData removes exactly what redact removes by default, and returns the input when nothing is personal', () => {
    expect(withoutPersonalData(program, 'intake', data)).toEqual(redact(program, 'intake', data));
    const plain = { email: 'ada@example.org', housing: 'flat' };
    expect(withoutPersonalData(program, 'intake', plain)).toBe(plain);
  });

  it('masks personal data when asked', () => {
    expect(redact(program, 'intake', data, { mode: 'mask' })).toEqual({ ...data, name: '***', household: '***' });
  });

  it('removes only what is past its retention period', () => {
    const since = new Date('2025-01-31T00:00:00Z');
    expect(redact(program, 'intake', data, { expired: { since, now: new Date('2025-08-01T00:00:00Z') } })).toEqual({
      name: 'Ada',
      email: 'ada@example.org',
      housing: 'flat',
    });
    expect(redact(program, 'intake', data, { expired: { since, now: new Date('2027-02-01T00:00:00Z') } })).toEqual({ email: 'ada@example.org', housing: 'flat' });
  });
});

describe('redact keeping what the law obliges keeping', () => {
  // The household's ages must be kept for a year (say, for the fund's audits); names may go on request.
  const audited = (() => {
    const d = miniDefinition() as Def;
    const household = d['forms'].intake.schema.properties.household;
    Object.assign(household, { 'x-personal-data': true, 'x-retention': 'P6M' });
    Object.assign(household.items.properties.age, { 'x-retention': 'P1Y', 'x-retention-basis': 'Art. 82 VO (EU) 2021/1060' });
    Object.assign(d['forms'].intake.schema.properties.name, { 'x-retention-basis': 'Par. 147 AO' });
    return loadProgram(d);
  })();
  const since = new Date('2025-01-31T00:00:00Z');
  const family = { ...data, household: [{ name: 'Bo', age: 3 }, { name: 'Cy', age: 7 }] };

  it('lists the basis with each personal field, inherited by the fields inside', () => {
    expect(personalFields(audited, 'intake').map((f) => [f.path, f.retentionBasis])).toEqual([
      ['name', 'Par. 147 AO'],
      ['birthDate', undefined],
      ['household', undefined],
    ]);
  });

  it('keeps the marked fields inside a personal list and removes the rest of it, field by field', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    expect(redact(audited, 'intake', family, { keepByLaw: { since, now } })).toEqual({
      name: 'Ada',
      email: 'ada@example.org',
      housing: 'flat',
      household: [{ age: 3 }, { age: 7 }],
    });
    expect(keptByLaw(audited, 'intake', family, { since, now })).toEqual([
      { pointer: '/name', basis: 'Par. 147 AO' },
      { pointer: '/household/0/age', basis: 'Art. 82 VO (EU) 2021/1060' },
      { pointer: '/household/1/age', basis: 'Art. 82 VO (EU) 2021/1060' },
    ]);
  });

  it('keeps nothing whose retention has passed, so an erasure after it removes everything personal', () => {
    const now = new Date('2027-02-01T00:00:00Z');
    expect(redact(audited, 'intake', family, { keepByLaw: { since, now } })).toEqual(redact(audited, 'intake', family));
    expect(keptByLaw(audited, 'intake', family, { since, now })).toEqual([]);
  });

  it('keeps by field, not by time alone: the name goes after two years, the ages after one', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(redact(audited, 'intake', family, { keepByLaw: { since, now } })).toEqual({ name: 'Ada', email: 'ada@example.org', housing: 'flat' });
    expect(keptByLaw(audited, 'intake', family, { since, now })).toEqual([{ pointer: '/name', basis: 'Par. 147 AO' }]);
  });
});

describe('marks beside a $ref and on the root', () => {
  it('takes a mark beside a $ref as the field’s own, so referenced personal data is removed too', () => {
    const d = miniDefinition() as Def;
    addContactFields(d, { contact: { 'x-personal-data': true, 'x-retention': 'P1Y', 'x-retention-basis': 'Par. 147 AO' }, office: {} });
    const p = loadProgram(d);
    const fields = personalFields(p, 'intake').filter((f) => f.path === 'contact' || f.path === 'office');
    expect(fields).toEqual([{ path: 'contact', retention: 'P1Y', retentionBasis: 'Par. 147 AO' }]);
    expect(redact(p, 'intake', { housing: 'flat', contact: { phone: '0151 1' }, office: { phone: '0231 2' } })).toEqual({ housing: 'flat', office: { phone: '0231 2' } });
  });

  it('takes marks on the root for every field of the form', () => {
    const d = miniDefinition() as Def;
    d['forms'].intake.schema['x-personal-data'] = true;
    d['forms'].intake.schema['x-retention'] = 'P3Y';
    const p = loadProgram(d);
    expect(personalFields(p, 'intake').every((f) => f.retention === 'P2Y' || f.retention === 'P3Y')).toBe(true);
    expect(redact(p, 'intake', data)).toEqual({});
  });
});
