import { describe, expect, it } from 'vitest';
import { loadProgram } from '../compile/load-program.js';
import { derivedDefinition, loadExample, readCaseFile } from '@civicflow/test-support';
import { readAnswers, type AnswerGroup, type AnswerItem, type AnswerList, type AnswerNode, type FormAnswers } from './read-answers.js';
import { readCaseAnswers } from './read-case-answers.js';
import { UnknownFormError } from './errors.js';
import { validate } from '../compile/validate.js';

const program = loadExample('zweite-chance');
const sabine = readCaseFile<{ data: Record<string, unknown> }>('zweite-chance', 'valid-fixed-address.json').data;

/** Every answer of a tree as `label: text`, depth first, with group and entry labels in front. */
function lines(nodes: readonly AnswerNode[], prefix = ''): string[] {
  return nodes.flatMap((n): string[] => {
    if (n.kind === 'answer') return [`${prefix}${n.label}: ${n.text}`];
    if (n.kind === 'group') return lines(n.children, `${prefix}${n.label} › `);
    return n.empty ? [`${prefix}${n.label}: ${n.text}`] : n.entries.flatMap((e) => lines(e.children, `${prefix}${n.label} › ${e.label} › `));
  });
}
const all = (read: FormAnswers) => read.sections.flatMap((s) => lines(s.children));
const section = (read: FormAnswers, page: string) => read.sections.find((s) => s.page === page)!;

describe('readAnswers', () => {
  it('reads every answer with its label, option labels instead of values, and dates in the reader’s language', () => {
    const read = readAnswers(program, 'intake', sabine, { locale: 'de' });
    expect(read.title).not.toBe('intake');
    expect(read.sections.map((s) => s.title)).toContain('Einkommen und Leistungen');
    const text = all(read);
    expect(text).toContain('Angaben zu Ihrer Person › Geburtsdatum: 14. Juni 1979');
    expect(text).toContain('Angaben zu Ihrer Person › Wie sollen wir Sie ansprechen?: Frau');
    expect(text).toContain('Einkommen und Leistungen › Bekommen Sie Geld vom Jobcenter oder vom Sozialamt?: Ja, Bürgergeld vom Jobcenter (SGB II)');
    expect(text.some((l) => /\bsgb2\b|: fixed$|: ms$/.test(l))).toBe(false);
  });

  it('reads the same data in English, with English words for yes and no', () => {
    const text = all(readAnswers(program, 'intake', sabine, { locale: 'en-GB' }));
    expect(text.find((l) => l.includes('1979'))).toMatch(/14 June 1979$/);
    expect(text.filter((l) => l.endsWith(': No')).length).toBeGreaterThan(0);
    expect(text.some((l) => l.endsWith(': Nein'))).toBe(false);
  });

  it('makes each list entry a section of its own, numbered from one, and writes a year without a separator', () => {
    const household = section(readAnswers(program, 'intake', sabine, { locale: 'de' }), 'household').children[0] as AnswerList;
    expect(household.kind).toBe('list');
    expect(household.entries.map((e) => e.label)).toEqual(['Eintrag 1']);
    expect(lines(household.entries[0]!.children)).toEqual(['Wer ist das für Sie?: Kind', 'Vorname: Lena', 'Geburtsjahr: 2012']);
    expect(household.entries[0]!.children.map((c) => c.pointer)).toEqual(['/household/0/relation', '/household/0/firstName', '/household/0/birthYear']);
  });

  it('says "no answer" for empty fields and lists, unless asked for answers only', () => {
    const data = { ...sabine, household: [], person: { givenName: 'Sabine' } };
    const read = readAnswers(program, 'intake', data, { locale: 'de' });
    const household = section(read, 'household').children[0] as AnswerList;
    expect([household.empty, household.text]).toEqual([true, 'Keine Angabe']);
    const birth = (section(read, 'person').children[0] as AnswerGroup).children.find((c) => c.pointer === '/person/birthDate') as AnswerItem;
    expect([birth.empty, birth.text]).toEqual([true, 'Keine Angabe']);
    const only = readAnswers(program, 'intake', data, { locale: 'de', answeredOnly: true });
    expect(only.sections.map((s) => s.page)).not.toContain('household');
    expect(all(only).filter((l) => l.startsWith('Angaben zu Ihrer Person'))).toEqual(['Angaben zu Ihrer Person › Vorname: Sabine']);
  });

  it('leaves out hidden fields and pages that are not shown', () => {
    const read = readAnswers(program, 'intake', sabine, { locale: 'de', hidden: ['/income/jobcentreNumber'], pages: ['person', 'income'] });
    expect(read.sections.map((s) => s.page)).toEqual(['person', 'income']);
    expect(all(read).some((l) => l.includes('Bedarfsgemeinschaft'))).toBe(false);
    expect(all(readAnswers(program, 'intake', sabine, { locale: 'de' })).some((l) => l.includes('Bedarfsgemeinschaft: 63101BG0012345'))).toBe(true);
  });

  it('refuses a form the program does not have', () => {
    expect(() => readAnswers(program, 'nope', {}, { locale: 'de' })).toThrow(UnknownFormError);
  });
});

describe('readAnswers with files, numbers and a UI-hidden field', () => {
  const filesProgram = loadProgram({
    $schema: 'https://civicflow.org/schemas/program.schema.json',
    id: 'files', version: '1.0.0', locales: ['en'],
    title: { en: 'Files' },
    forms: {
      apply: {
        schema: {
          type: 'object', additionalProperties: false,
          properties: {
            proof: { type: 'string', contentEncoding: 'base64', contentMediaType: 'application/pdf', maxLength: 1000 },
            page: { type: 'string', contentEncoding: 'base64', contentMediaType: 'text/html', maxLength: 1000 },
            linked: { type: 'string', contentMediaType: 'image/png', maxLength: 1000 },
            amount: { type: 'number' },
            secret: { type: 'string', maxLength: 10 },
          },
        },
        ui: { pages: [{ id: 'one', fields: ['proof', 'page', 'linked', 'amount', { field: 'secret', widget: 'hidden' }] }] },
      },
    },
    texts: { en: { 'forms.apply.title': 'Apply', 'forms.apply.pages.one.title': 'One', 'forms.apply.fields.proof.label': 'Proof', 'forms.apply.fields.page.label': 'Page', 'forms.apply.fields.linked.label': 'Photo', 'forms.apply.fields.amount.label': 'Amount', 'forms.apply.fields.secret.label': 'Secret' } },
  });
  const data = { proof: 'JVBERi0=', page: 'PGI+', linked: 'https://files.example.org/u/photo%201.png?sig=x', amount: 12500.5, secret: 'x' };
  const items = readAnswers(filesProgram, 'apply', data, { locale: 'de', fileName: (p) => (p === '/proof' ? 'nachweis.pdf' : undefined) }).sections[0]!.children as AnswerItem[];

  it('gives a file its name and an address, and never a data: address a browser would run as a page', () => {
    expect(items[0]).toMatchObject({ label: 'Proof', text: 'nachweis.pdf', href: 'data:application/pdf;base64,JVBERi0=' });
    expect(items[1]).toMatchObject({ text: 'Eine Datei', href: 'data:application/octet-stream;base64,PGI+' });
    expect(items[2]).toMatchObject({ text: 'photo 1.png', href: 'https://files.example.org/u/photo%201.png?sig=x' });
  });

  it('writes numbers as the locale does and leaves out a field the UI hides', () => {
    expect(items[3]).toMatchObject({ label: 'Amount', text: '12.500,5' });
    expect(items.map((i) => i.label)).not.toContain('Secret');
  });
});

describe('readCaseAnswers', () => {
  const data = {
    ...sabine,
    plan: { agreedOn: '2025-03-04', goals: 'Eine feste Stelle in Teilzeit finden.', measures: [{ area: 'labourMarket', title: 'Bewerbungstraining', status: 'planned' }] },
  };

  it('shows each answer under the form that holds it, and leaves out forms without answers', () => {
    const forms = readCaseAnswers(program, data, { locale: 'de' });
    expect(forms.map((f) => f.form)).toEqual(['intake', 'coachingPlan']);
    const plan = lines(forms[1]!.sections[0]!.children);
    expect(plan).toContain('Förderplan › Vereinbart am: 4. März 2025');
    expect(plan.some((l) => l.endsWith('Bewerbungstraining'))).toBe(true);
    expect(plan.some((l) => l.includes('Geburtsdatum'))).toBe(false);
  });

  it('reads only the forms asked for', () => {
    expect(readCaseAnswers(program, data, { locale: 'de', forms: ['coachingPlan'] }).map((f) => f.form)).toEqual(['coachingPlan']);
  });

  it('shows an answer two forms share only once, under the first', () => {
    const shared = loadProgram({
      $schema: 'https://civicflow.org/schemas/program.schema.json',
      id: 'shared', version: '1.0.0', locales: ['en'], title: { en: 'Shared' },
      forms: {
        a: { schema: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 9 } } } },
        b: { schema: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 9 }, note: { type: 'string', maxLength: 9 } } } },
      },
      texts: { en: { 'forms.a.title': 'A', 'forms.b.title': 'B', 'forms.a.fields.name.label': 'Name', 'forms.b.fields.name.label': 'Name', 'forms.b.fields.note.label': 'Note' } },
    });
    const forms = readCaseAnswers(shared, { name: 'Ada', note: 'hi' }, { locale: 'en' });
    expect(forms.map((f) => [f.title, all(f)])).toEqual([['A', ['Name: Ada']], ['B', ['Note: hi']]]);
  });
});

describe('readAnswers of a derived value', () => {
  it('reads the value the server worked out, labelled and as an amount in the reader’s language, never what was claimed', () => {
    const wir = loadExample('wir-vielfalt');
    const costs = [{ item: 'Moderation', amount: 14000.5 }, { item: 'Öffentlichkeitsarbeit', amount: 10000 }];
    const checked = validate(wir, 'application', { ...readCaseFile<{ steps: { data?: Record<string, unknown> }[] }>('wir-vielfalt', 'workflow-happy-path.json').steps[0]!.data!, funding: { costs, requested: 19500, totalCosts: 1 } });
    expect(checked.valid).toBe(true);
    const total = (locale: string) => all(readAnswers(wir, 'application', checked.data, { locale })).find((l) => /Gesamtkosten|Total costs/.test(l));
    expect(total('de')).toMatch(/Gesamtkosten in Euro: 24\.000,5$/);
    expect(total('en')).toMatch(/Total costs in euros: 24,000\.5$/);
  });

  it('reads a derived yes or no as words, not as true or false', () => {
    const derived = loadProgram(derivedDefinition());
    const checked = validate(derived, 'budget', { start: '2025-01-01', end: '2026-03-01', review: {} });
    expect(checked.data).toMatchObject({ review: { late: true } });
    expect(all(readAnswers(derived, 'budget', checked.data, { locale: 'de' }))).toContainEqual(expect.stringMatching(/Länger als ein Jahr: Ja$/));
    expect(all(readAnswers(derived, 'budget', checked.data, { locale: 'en' }))).toContainEqual(expect.stringMatching(/Longer than a year: Yes$/));
  });
});
