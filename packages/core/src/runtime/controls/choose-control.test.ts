import { describe, expect, it } from 'vitest';
import { chooseControl } from './choose-control.js';
import { listFormFields } from '../form-fields.js';

const fields = listFormFields({
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 50 },
    story: { type: 'string', maxLength: 2000 },
    born: { type: 'string', format: 'date' },
    mail: { type: 'string', format: 'email' },
    phone: { type: 'string', maxLength: 30 },
    children: { type: 'integer' },
    income: { type: 'number' },
    housing: { enum: ['flat', 'shelter', 'none'] },
    country: { enum: ['de', 'at', 'ch', 'fr', 'it', 'pl'] },
    status: { oneOf: [{ const: 'a' }, { const: 'b' }] },
    needs: { type: 'array', uniqueItems: true, items: { enum: ['debt', 'health'] } },
    consent: { type: 'boolean', const: true },
    driving: { type: 'boolean' },
    proof: { type: 'string', contentMediaType: 'application/pdf', contentEncoding: 'base64' },
    address: { type: 'object', properties: { street: { type: 'string' } } },
    household: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
  },
});
const field = (path: string) => fields.find((f) => f.path === path)!;

describe('chooseControl', () => {
  it.each([
    ['name', 'text'],
    ['story', 'textarea'],
    ['born', 'date'],
    ['mail', 'email'],
    ['children', 'integer'],
    ['income', 'number'],
    ['housing', 'radio'],
    ['country', 'select'],
    ['status', 'radio'],
    ['needs', 'checkboxes'],
    ['consent', 'consent'],
    ['driving', 'checkbox'],
    ['proof', 'file'],
    ['address', 'group'],
    ['household', 'list'],
  ])('shows %s as %s', (path, kind) => {
    expect(chooseControl(field(path))).toBe(kind);
  });

  it('follows the UI: a widget hint, or the tel autocomplete token', () => {
    expect(chooseControl(field('housing'), { path: 'housing', pointer: '', widget: 'select' })).toBe('select');
    expect(chooseControl(field('phone'), { path: 'phone', pointer: '', autocomplete: 'tel' })).toBe('tel');
    expect(chooseControl(field('address'), { path: 'address', pointer: '', widget: 'text' })).toBe('group');
  });
});
