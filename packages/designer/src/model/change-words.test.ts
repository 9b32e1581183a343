import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '@civicflow/core';
import { programChanges } from '@civicflow/workflow';
import { loadExample } from '@civicflow/test-support';
import { changeWords } from './change-words.js';

const hagen = () => structuredClone(loadExample('gemeinsam-fuer-hagen').definition) as ProgramDefinition;
type Schema = { properties: Record<string, Record<string, unknown>>; required?: string[] };

/** A draft of Hagen with one change of each kind. */
function draftOf(): { before: ProgramDefinition; after: ProgramDefinition } {
  const before = hagen();
  const after = hagen();
  after.version = '2.0.0';
  const contact = after.forms['contact']!.schema as unknown as Schema;
  contact.properties['nickname'] = { type: 'string', maxLength: 50 };
  contact.required = [...(contact.required ?? []), 'familyName'];
  delete contact.properties['phone'];
  for (const [locale, label] of [['de', 'Rufname'], ['en', 'Nickname']] as const) (after.texts![locale] as Record<string, string>)['forms.contact.fields.nickname.label'] = label;
  const states = after.workflow!.states as Record<string, { after?: { duration: string; send: string }[] }>;
  states['contact']!.after = [{ duration: 'P12W', send: 'NO_RETURN' }];
  delete (after.workflow!.events as Record<string, unknown>)['REOPEN'];
  return { before, after };
}

describe('changeWords', () => {
  it('says each change in German, naming fields, forms, states and events by their texts', () => {
    const { before, after } = draftOf();
    const words = changeWords(programChanges(before, after), before, after, 'de');
    const de = before.texts!['de'] as Record<string, string>;
    const form = de['forms.contact.title']!;
    expect(words.forms).toEqual(
      expect.arrayContaining([
        `„${form}“: neues Feld „Rufname“ (Text)`,
        `„${form}“: Feld „${de['forms.contact.fields.familyName.label']}“ — jetzt Pflicht`,
        `„${form}“: Feld „${de['forms.contact.fields.phone.label']}“ entfernt`,
      ]),
    );
    expect(words.forms).toHaveLength(3);
    expect(words.texts).toContain('Deutsch: neuer Text „Rufname“');
    expect(words.workflow).toContain(`„${de['workflow.states.contact.title']}“: Frist für „${de['workflow.events.NO_RETURN.title']}“ jetzt nach 12 Wochen statt nach 8 Wochen`);
    expect(words.workflow).toContain(`Ereignis „${de['workflow.events.REOPEN.title']}“ entfernt`);
    expect(words.other).toEqual([`Version ${before.version} → 2.0.0`]);
    expect(Object.values(words).flat().join('\n')).not.toMatch(/NO_RETURN|REOPEN|\{|\}/);
  });

  it('names every language of a text change, Leichte Sprache too, whose tag the browser\'s tables refuse', () => {
    const before = hagen();
    const after = hagen();
    for (const [locale, title] of [['de-x-ls', 'Das erste Treffen im Haus'], ['ar', 'الاتصال الأول']] as const) (after.texts![locale] as Record<string, string>)['forms.contact.title'] = title;
    const de = changeWords(programChanges(before, after), before, after, 'de').texts.join('\n');
    expect(de).toContain('Leichte Sprache: ');
    expect(de).toContain('Arabisch: ');
    expect(changeWords(programChanges(before, after), before, after, 'en').texts.join('\n')).toContain('Easy German (Leichte Sprache): ');
  });

  it('says the same in English', () => {
    const { before, after } = draftOf();
    const words = changeWords(programChanges(before, after), before, after, 'en');
    const en = before.texts!['en'] as Record<string, string>;
    expect(words.forms).toContain(`“${en['forms.contact.title']}”: new field “Nickname” (text)`);
    expect(words.texts).toContain('German: new text “Rufname”');
    expect(words.workflow).toContain(`“${en['workflow.states.contact.title']}”: timer for “${en['workflow.events.NO_RETURN.title']}” now after 12 weeks instead of 8 weeks`);
  });

  it('says nothing for a draft without changes, and cuts long texts', () => {
    const before = hagen();
    expect(changeWords(programChanges(before, hagen()), before, hagen(), 'en')).toEqual({ forms: [], texts: [], workflow: [], other: [] });
    const after = hagen();
    (after.texts!['en'] as Record<string, string>)['forms.contact.title'] = 'x'.repeat(200);
    const [line] = changeWords(programChanges(before, after), before, after, 'en').texts;
    expect(line!.length).toBeLessThan(120);
    expect(line).toContain('…');
  });
});
