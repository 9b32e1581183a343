import { describe, expect, it } from 'vitest';
import { parseRule } from './parse-rule.js';

describe('parseRule', () => {
  it('reads "sind nur dann zu befüllen, wenn … bejaht wurde" as fields shown on yes', () => {
    expect(parseRule('"F00001028 Träger" ist nur dann zu befüllen, wenn "F00001027 Versicherung vorhanden" bejaht wurde.')).toEqual({
      effect: 'shown', targets: ['F00001028'], source: 'F00001027', value: true,
    });
  });

  it('reads "Wenn … den Wert … hat, ist … anzugeben" as a requirement on a value', () => {
    expect(parseRule('Wenn „F60000000010 Art“ den Wert „Sonstiges“ hat, ist „F60000000011 Beschreibung“ anzugeben.')).toEqual({
      effect: 'required', targets: ['F60000000011'], source: 'F60000000010', value: 'Sonstiges',
    });
    expect(parseRule('"G00000001 Angaben" sind Pflicht, wenn "F00000002 Frage" verneint wurde.')).toMatchObject({ effect: 'required', value: false });
  });

  it('gives a reason for what it does not understand', () => {
    expect(parseRule('Es muss entweder Feldgruppe G60000086 oder Feldgruppe G60000087 befüllt werden.')).toHaveProperty('reason');
    expect(parseRule('"F1 A" ist zu befüllen, wenn "F00000002 B" oder "F00000003 C" bejaht wurde.')).toHaveProperty('reason');
    expect(parseRule('Das Datum muss in der Zukunft liegen, wenn es angegeben wird.')).toHaveProperty('reason');
  });
});
