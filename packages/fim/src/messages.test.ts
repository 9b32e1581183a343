// Every warning and every reason a rule is not applied has German and English words with the same placeholders,
// so `civicflow import-fim --locale de` never falls back to a code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createWarning, fimText, warningText } from './messages.js';
import type { ImportWarningCode, RuleReasonCode } from './report.js';

const source = readFileSync(fileURLToPath(new URL('./report.ts', import.meta.url)), 'utf8');
const union = (name: string) => [...new RegExp(`export type ${name} =([^;]*);`).exec(source)![1]!.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
const warningCodes = union('ImportWarningCode') as ImportWarningCode[];
const reasonCodes = union('RuleReasonCode') as RuleReasonCode[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const variants: Record<string, string[]> = {
  PRAEZISIERUNG_INVALID: ['json', 'integer', 'number'],
  PATTERN_UNSAFE: ['slow', 'invalid'],
  RULE_ID_AMBIGUOUS: ['outside', 'several'],
  RULE_VALUE_UNKNOWN: ['choice', 'yesno'],
  RULE_VALUE_INVALID: ['number', 'other'],
  RULE_NOT_DATE: ['', 'day'],
  RULE_AGE_NOT_DATE: ['', 'day'],
};

describe('fimText', () => {
  it('finds the code unions it checks', () => {
    expect(warningCodes).toContain('RULE_NOT_APPLIED');
    expect(reasonCodes).toContain('RULE_AGE_NO_DAY');
  });

  it.each([...warningCodes, ...reasonCodes])('words %s in German and in English, with the same placeholders', (code) => {
    for (const variant of variants[code] ?? [undefined]) {
      const params: Record<string, string> = variant ? { variant } : {};
      const [de, en] = [fimText('de', code, params), fimText('en', code, params)];
      expect(de, code).not.toBe(code);
      expect(en, code).not.toBe(code);
      expect(de).not.toBe(en);
      expect(placeholders(de)).toEqual(placeholders(en));
    }
  });

  it('fills the placeholders, words a rule\'s warning with its reason in the same language, and gives English to other locales', () => {
    const warning = createWarning('RULE_NOT_APPLIED', 'R1', { id: 'R1', name: 'Alter' }, { code: 'RULE_AGE_NO_DAY', params: { id: 'F1', years: 18 } });
    expect(warningText(warning, 'de')).toMatch(/^Regel R1 „Alter“ wurde gelesen, aber nicht übernommen: Sie vergleicht das Alter nach dem Datum F1 mit 18 Jahren/);
    expect(warning.message).toMatch(/^rule R1 "Alter" was read but not applied: it compares the age given by the date F1 with 18 years/);
    expect(warningText(warning, 'fr')).toBe(warning.message);
  });
});
