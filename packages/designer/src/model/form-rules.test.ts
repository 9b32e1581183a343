import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { formRuleWords } from '../strings.js';
import { describeFormRule, formRules } from './form-rules.js';
import { textsOf } from './form-model.js';

const open = (name: string) => ProgramDocument.parse(readFileSync(examplePath(name, 'program.json'), 'utf8'), 'en');
const said = (doc: ProgramDocument, form: string, locale: 'de' | 'en') => {
  const label = (path: string) => {
    const parts = path.split('.');
    return parts.map((_, i) => textsOf(doc, `forms.${form}.fields.${parts.slice(0, i + 1).join('.')}.label`)[locale] ?? path).join(' › ');
  };
  return formRules(doc, form).map((r) => describeFormRule(r, formRuleWords(locale), label));
};

describe('formRules', () => {
  it('lists the derived values and the rules across fields of the examples, with the other field worked out from $data', () => {
    const wir = open('wir-vielfalt');
    expect(formRules(wir, 'application')).toEqual([
      { kind: 'derived', field: 'funding.totalCosts', expression: 'sum(funding.costs.amount)' },
      { kind: 'compare', field: 'funding.requested', keyword: 'maximum', other: 'funding.totalCosts', negated: false },
    ]);
    expect(formRules(open('zweite-chance'), 'coachingPlan')).toEqual([
      { kind: 'compare', field: 'plan.nextReview', keyword: 'formatExclusiveMinimum', other: 'plan.agreedOn', negated: false },
    ]);
    expect(formRules(open('gemeinsam-fuer-hagen'), 'entry')).toEqual([{ kind: 'derived', field: 'ageAtEntry', expression: 'ageAt(birthDate, entryDate)' }]);
  });

  it('says them in words, in German and English, with the fields’ labels', () => {
    const wir = open('wir-vielfalt');
    const en = said(wir, 'application', 'en');
    expect(en[0]).toMatch(/^“.+ › .+” is the sum of “.+ › .+ › .+”$/);
    expect(en[1]).toMatch(/^“.+” is at most “.+”$/);
    expect(said(wir, 'application', 'de')[0]).toMatch(/^„.+“ ist die Summe von „.+“$/);
    expect(said(open('gemeinsam-fuer-hagen'), 'entry', 'en')[0]).toMatch(/^“.+” is the age in full years on “.+” from “.+”$/);
    expect(said(open('zweite-chance'), 'coachingPlan', 'en')[0]).toMatch(/^“.+” is after “.+”$/);
  });

  it('says a differing rule and any other formula with the labels in it', () => {
    const doc = ProgramDocument.parse(
      JSON.stringify({
        forms: {
          f: {
            schema: {
              type: 'object',
              properties: { a: { type: 'number' }, b: { type: 'number' }, share: { type: 'number', 'x-derived': 'round(a / b * 100, 1)' } },
              dependentSchemas: { a: { properties: { b: { not: { const: { $data: '1/a' } } } } } },
            },
          },
        },
        locales: ['en'],
        texts: { en: { 'forms.f.fields.a.label': 'First', 'forms.f.fields.b.label': 'Second', 'forms.f.fields.share.label': 'Share' } },
      }),
      'en',
    );
    expect(said(doc, 'f', 'en')).toEqual(['“Share” is worked out as round(“First” / “Second” * 100, 1)', '“Second” differs from “First”']);
  });
});
