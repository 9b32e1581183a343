import { describe, expect, it } from 'vitest';
import { parseRule, tokenize, type Condition, type ParsedRule } from './parse-rule.js';

// A corpus of rule sentences written for these tests in the styles found in FIM schemas: the condition first
// or last, ids bare or quoted with their names, values as code and label, code only or label only.
const test = (id: string, t: object, name?: string): Condition => ({ kind: 'test', field: { id, ...(name ? { name } : {}) }, test: t } as Condition);
const yes = { op: 'yes' };

const corpus: [string, ParsedRule][] = [
  // Code-list values: code and label, code only, label only, several.
  [
    'Wenn bei F60000227 "03 Sonstiges" angegeben wird, dann wird G60000091 zur Pflichtangabe.',
    { condition: test('F60000227', { op: 'in', values: ['03 Sonstiges'] }), effect: 'required', targets: [{ id: 'G60000091' }] },
  ],
  [
    'Wenn „F60000000010 Art“ den Wert „Sonstiges“ hat, ist „F60000000011 Beschreibung“ anzugeben.',
    { condition: test('F60000000010', { op: 'in', values: ['Sonstiges'] }, 'Art'), effect: 'required', targets: [{ id: 'F60000000011', name: 'Beschreibung' }] },
  ],
  [
    'Wenn F60000001 den Wert 03 hat, ist F60000002 auszufüllen.',
    { condition: test('F60000001', { op: 'in', values: ['03'] }), effect: 'required', targets: [{ id: 'F60000002' }] },
  ],
  [
    'F60000002 ist eine Pflichtangabe, wenn bei F60000001 „Sonstiges“ oder „04“ ausgewählt wurde.',
    { condition: test('F60000001', { op: 'in', values: ['Sonstiges', '04'] }), effect: 'required', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn F60000001 "01 Miete" bzw. "02 Untermiete" ausgewählt ist, sind F60000002 und F60000003 auszufüllen.',
    { condition: test('F60000001', { op: 'in', values: ['01 Miete', '02 Untermiete'] }), effect: 'required', targets: [{ id: 'F60000002' }, { id: 'F60000003' }] },
  ],
  // Yes/no fields.
  [
    '"F00001028 Träger" ist nur dann zu befüllen, wenn "F00001027 Versicherung vorhanden" bejaht wurde.',
    { condition: test('F00001027', yes, 'Versicherung vorhanden'), effect: 'shown', targets: [{ id: 'F00001028', name: 'Träger' }] },
  ],
  [
    'Wenn F60000001 "Gefährlicher Hund" angekreuzt ist, ist G60000002 auszufüllen.',
    { condition: test('F60000001', yes, 'Gefährlicher Hund'), effect: 'required', targets: [{ id: 'G60000002' }] },
  ],
  [
    'Wenn F60000001 mit "nein" beantwortet wurde, ist G60000002 auszufüllen.',
    { condition: test('F60000001', { op: 'no' }), effect: 'required', targets: [{ id: 'G60000002' }] },
  ],
  [
    'F60000002 ist eine Pflichtangabe, wenn bei F60000001 "ja" angegeben wurde.',
    { condition: test('F60000001', { op: 'in', values: ['ja'] }), effect: 'required', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn "F60000001 Ermäßigung beantragt" verneint wurde, entfällt G60000002.',
    { condition: test('F60000001', { op: 'no' }, 'Ermäßigung beantragt'), effect: 'hidden', targets: [{ id: 'G60000002' }] },
  ],
  // "nicht".
  [
    'Wenn F60000001 nicht angekreuzt ist, ist F60000002 nicht auszufüllen.',
    { condition: { kind: 'not', part: test('F60000001', yes) }, effect: 'hidden', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn bei F60000001 nicht "02" bzw. "03" angegeben ist, dann entfällt F60000002.',
    { condition: { kind: 'not', part: test('F60000001', { op: 'in', values: ['02', '03'] }) }, effect: 'hidden', targets: [{ id: 'F60000002' }] },
  ],
  // Numbers, ages and dates.
  [
    'Wenn F60000001 mindestens 2 ist, wird F60000002 eingeblendet.',
    { condition: test('F60000001', { op: 'compare', comparator: '>=', number: 2, age: false }), effect: 'shown', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn "F60000001 Einkommen" größer als 1.500 Euro ist, ist G60000002 auszufüllen.',
    { condition: test('F60000001', { op: 'compare', comparator: '>', number: 1500, age: false }, 'Einkommen'), effect: 'required', targets: [{ id: 'G60000002' }] },
  ],
  [
    'Wenn F60000001 kleiner oder gleich 10 ist, wird F60000002 ausgeblendet.',
    { condition: test('F60000001', { op: 'compare', comparator: '<=', number: 10, age: false }), effect: 'hidden', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn die Person laut F60000001 "Geburtsdatum" mindestens 18 Jahre alt ist, ist F60000002 auszufüllen.',
    { condition: test('F60000001', { op: 'compare', comparator: '>=', number: 18, age: true }, 'Geburtsdatum'), effect: 'required', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn "F60000001 Haltung seit" vor dem 01.01.2026 liegt, ist "F60000002 Chipnummer" anzugeben.',
    { condition: test('F60000001', { op: 'compare-date', comparator: '<', date: '2026-01-01' }, 'Haltung seit'), effect: 'required', targets: [{ id: 'F60000002', name: 'Chipnummer' }] },
  ],
  // Several tests: "und" binds more strongly than "oder".
  [
    'Falls F60000001 bejaht wurde oder F60000003 mehr als 2 ist und F60000004 ausgefüllt ist, sind F60000002 und G60000005 anzugeben.',
    {
      condition: {
        kind: 'or',
        parts: [
          test('F60000001', yes),
          { kind: 'and', parts: [test('F60000003', { op: 'compare', comparator: '>', number: 2, age: false }), test('F60000004', { op: 'filled' })] },
        ],
      },
      effect: 'required',
      targets: [{ id: 'F60000002' }, { id: 'G60000005' }],
    },
  ],
  // Consequences.
  ['Wenn F60000001 bejaht wurde, ist G60000002 eine Pflichtangabe.', { condition: test('F60000001', yes), effect: 'required', targets: [{ id: 'G60000002' }] }],
  ['Wenn F60000001 bejaht wurde, muss F60000002 angegeben werden.', { condition: test('F60000001', yes), effect: 'required', targets: [{ id: 'F60000002' }] }],
  ['Wenn F60000001 bejaht wurde, wird Feldgruppe G60000002 "Kinder" eingeblendet.', { condition: test('F60000001', yes), effect: 'shown', targets: [{ id: 'G60000002', name: 'Kinder' }] }],
  ['Wenn F60000001 bejaht wurde, so ist F60000002 nicht anzugeben.', { condition: test('F60000001', yes), effect: 'hidden', targets: [{ id: 'F60000002' }] }],
  ['Wenn F60000001 ausgewählt ist, wird F60000002 ausgeblendet.', { condition: test('F60000001', { op: 'selected' }), effect: 'hidden', targets: [{ id: 'F60000002' }] }],
  // "entweder … oder": exactly one of two targets, always or under a condition; exactly one of two tests.
  [
    'Es muss entweder Feldgruppe G60000086 "Straßenanschrift" oder Feldgruppe G60000087 "Postfachanschrift" befüllt werden.',
    { effect: 'one', targets: [{ id: 'G60000086', name: 'Straßenanschrift' }, { id: 'G60000087', name: 'Postfachanschrift' }] },
  ],
  ['Entweder „F60000001 Telefon“ oder „F60000002 E-Mail“ ist anzugeben.', { effect: 'one', targets: [{ id: 'F60000001', name: 'Telefon' }, { id: 'F60000002', name: 'E-Mail' }] }],
  [
    'Wenn F60000003 bejaht wurde, ist entweder F60000001 oder G60000002 auszufüllen.',
    { condition: test('F60000003', yes), effect: 'one', targets: [{ id: 'F60000001' }, { id: 'G60000002' }] },
  ],
  [
    'Wenn entweder F60000001 oder F60000003 bejaht wurde, ist F60000002 anzugeben.',
    { condition: { kind: 'one', parts: [test('F60000001', yes), test('F60000003', yes)] }, effect: 'required', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn F60000001 oder F60000003 „ja“ lautet, ist F60000002 anzugeben.',
    { condition: { kind: 'or', parts: [test('F60000001', { op: 'in', values: ['ja'] }), test('F60000003', { op: 'in', values: ['ja'] })] }, effect: 'required', targets: [{ id: 'F60000002' }] },
  ],
  // An age counted on a day the rule names: a date, or a date field.
  [
    'Wenn die Person laut F60000001 "Geburtsdatum" am 30.06.2026 mindestens 18 Jahre alt ist, ist F60000002 auszufüllen.',
    { condition: test('F60000001', { op: 'compare', comparator: '>=', number: 18, age: true, on: { date: '2026-06-30' } }, 'Geburtsdatum'), effect: 'required', targets: [{ id: 'F60000002' }] },
  ],
  [
    'Wenn das Alter laut F60000001 zum Zeitpunkt F60000003 "Beginn" unter 18 Jahren liegt, wird G60000002 zur Pflichtangabe.',
    { condition: test('F60000001', { op: 'compare', comparator: '<', number: 18, age: true, on: { field: { id: 'F60000003', name: 'Beginn' } } }), effect: 'required', targets: [{ id: 'G60000002' }] },
  ],
  // No target: the rule's ziel (v3) or the element it belongs to.
  ['Ist auszufüllen, wenn F60000001 bejaht wurde.', { condition: test('F60000001', yes), effect: 'required', targets: [] }],
];

describe('parseRule', () => {
  it.each(corpus)('reads %s', (text, expected) => {
    expect(parseRule(text)).toEqual(expected);
  });

  it.each([
    ['Der beantragte Betrag darf die Gesamtkosten des Vorhabens nicht übersteigen.', 'RULE_NO_IF', 'no "wenn"'],
    ['Wenn F60000001 bejaht wurde, ist F60000002 keine Pflichtangabe.', 'RULE_CONSEQUENCE_UNKNOWN', 'consequence "ist keine pflichtangabe"'],
    ['Wenn F60000001 bejaht wurde, ist F60000002 plausibel zu prüfen.', 'RULE_CONSEQUENCE_UNKNOWN', 'consequence "ist plausibel zu prüfen"'],
    ['Es muss entweder F60000001 angegeben werden.', 'RULE_EITHER_UNCLEAR', '"entweder"'],
    ['Wenn F60000001 bejaht wurde, entfällt entweder F60000002 oder F60000003.', 'RULE_EITHER_UNCLEAR', '"entweder"'],
    ['Wenn entweder F60000001 bejaht wurde, ist F60000002 anzugeben.', 'RULE_EITHER_UNCLEAR', '"entweder"'],
    ['Wenn weder F60000001 noch F60000003 bejaht wurde, ist F60000002 anzugeben.', 'RULE_EXCEPTION', '"weder"'],
    ['Wenn F60000001 am 01.01.2026 liegt, ist F60000002 anzugeben.', 'RULE_DAY_WITHOUT_AGE', 'compares no age'],
    ['Wenn der Antrag eilig ist, ist F60000002 anzugeben.', 'RULE_NO_FIELD', 'names no field id'],
    ['Wenn F60000001 ungefähr 3 beträgt, ist F60000002 anzugeben.', 'RULE_WORDS_UNKNOWN', 'words the import does not read: "ungefähr"'],
    ['Wenn F60000001 bejaht wurde, ist F60000002 anzugeben. Sonst entfällt es.', 'RULE_SENTENCES', 'more than one sentence'],
    ['Wenn F60000001 bejaht wurde, ist F60000002 anzugeben, wenn F60000003 verneint wurde.', 'RULE_IF_TWICE', 'more than one "wenn"'],
    ['Wenn F60000001 bejaht oder verneint wurde, ist F60000002 anzugeben.', 'RULE_YES_AND_NO', 'both yes and no'],
    ['Wenn F60000001 bejaht wurde', 'RULE_NO_CONSEQUENCE', 'not followed by a consequence'],
  ])('refuses %s, saying why', (text, code, reason) => {
    const result = parseRule(text);
    expect(result).toMatchObject({ code });
    expect((result as { reason: string }).reason).toContain(reason);
  });

  it('tokenizes ids, quoted texts with typographic quotes, numbers, dates and abbreviations', () => {
    const tokens = tokenize('Wenn „F60000001 Art“ = 3,5 bzw. 1.500 oder 01.02.2026.');
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'word:Wenn',
      'quoted:F60000001 Art',
      'op:=',
      'number:3,5',
      'word:bzw.',
      'number:1.500',
      'word:oder',
      'date:01.02.2026',
      'end:.',
    ]);
    expect(tokens.filter((t) => t.kind === 'number').map((t) => (t as { value: number }).value)).toEqual([3.5, 1500]);
  });
});
