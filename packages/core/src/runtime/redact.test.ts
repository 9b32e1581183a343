import { describe, expect, it } from 'vitest';
import { loadProgram } from '../compile/load-program.js';
import { redact, personalFields, withoutPersonalData } from './redact.js';
import { miniDefinition } from '@civicflow/test-support';

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
      { path: 'name', retention: 'P2Y' },
      { path: 'birthDate', retention: undefined },
      { path: 'household', retention: 'P6M' },
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
