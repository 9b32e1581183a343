import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { maxErrors, type ValidatorsModule } from '@civicflow/core/runtime';
import { $, $$, exampleNames, loadModule, mountForm, primary, settle, text, type, waitFor } from '../test-support/fixtures.js';
import { validCaseByForm } from '@civicflow/test-support/browser';
import type { CfForm } from './form.js';
import type { CfPageEvent } from '../events/page.js';

const active = (form: CfForm) => form.shadowRoot!.activeElement as HTMLElement | null;
const field = (form: CfForm, pointer: string) => $$<HTMLElement & { pointer: string }>(form, 'cf-field').find((f) => f.pointer === pointer);
const control = (form: CfForm, pointer: string) => $<HTMLInputElement>(form, `#cf${pointer.replace(/\//g, '-')}`);

async function choose(form: CfForm, pointer: string, index: number) {
  const id = `cf${pointer.replace(/\//g, '-')}`;
  const input = $<HTMLInputElement>(form, index === 0 ? `#${id}` : `#${id}-${index}`);
  input.click();
  await settle(form);
}

async function fill(form: CfForm, pointer: string, value: string) {
  type(control(form, pointer), value);
  await settle(form);
}

describe('cf-form', function () {
  this.timeout(30_000);
  let form: CfForm | undefined;
  let zweite: ValidatorsModule;
  let controls: ValidatorsModule;
  before(async () => {
    zweite = await loadModule('zweite-chance');
    controls = await loadModule('controls');
  });
  afterEach(async () => {
    form?.remove();
    form = undefined;
    localStorage.clear();
    await setViewport({ width: 800, height: 600 });
  });

  describe('rendering', () => {
    it('renders every example form in German and English, walking every page with a valid case', async () => {
      const names = await exampleNames();
      expect(names).to.include('zweite-chance');
      for (const name of names) {
        const mod = await loadModule(name);
        const def = mod.definition as { forms: Record<string, unknown>; texts: Record<string, Record<string, string>> };
        const cases = await validCaseByForm(name);
        for (const formId of Object.keys(def.forms)) {
          for (const locale of ['de', 'en']) {
            form = await mountForm(mod, { form: formId, locale });
            const where = `${name}/${formId}/${locale}`;
            expect(text($(form, '#cf-title')), where).to.equal(def.texts[locale]?.[`forms.${formId}.title`] ?? def.texts.de![`forms.${formId}.title`]);
            const example = cases.get(formId);
            if (example) form.value = structuredClone(example.data);
            await settle(form);
            for (let step = 0; step < 30 && !form.shadowRoot!.querySelector('cf-review'); step++) {
              for (const f of $$<HTMLElement & { spec: { label: string } }>(form, 'cf-field')) {
                expect(text(f.querySelector('label, legend')), `${where}: a label`).to.not.equal('');
              }
              if (!example) break;
              await primary(form);
              expect(text(form.shadowRoot!.querySelector('cf-error-summary')), `${where}: ${example.file} is valid`).to.equal('');
            }
            form.remove();
          }
        }
      }
    });

    it('renders each kind of control the schema asks for', async () => {
      form = await mountForm(controls, { locale: 'en' });
      expect(control(form, '/name').type).to.equal('text');
      expect(control(form, '/name').autocomplete).to.equal('name');
      expect(control(form, '/story').tagName).to.equal('TEXTAREA');
      expect(control(form, '/amount').inputMode).to.equal('decimal');
      expect(control(form, '/people').inputMode).to.equal('numeric');
      expect(control(form, '/start').type).to.equal('date');
      expect(control(form, '/mail').type).to.equal('email');
      expect(control(form, '/phone').type).to.equal('tel');
      expect($$(form, 'input[name="cf-size"]').length).to.equal(3);
      expect(control(form, '/region').tagName).to.equal('SELECT');
      expect($$(form, 'input[name="cf-topics"]').map((i) => i.getAttribute('type'))).to.deep.equal(['checkbox', 'checkbox', 'checkbox']);
      expect(control(form, '/member').type).to.equal('checkbox');
      expect(control(form, '/proof').type).to.equal('file');
      expect(control(form, '/proof').accept).to.equal('application/pdf');
      expect(control(form, '/consent').getAttribute('aria-required')).to.equal('true');
      expect(text(field(form, '/size')!.querySelector('legend'))).to.equal('Size');
    });

    it('turns typed numbers into numbers, with a comma as decimal separator', async () => {
      form = await mountForm(controls, { locale: 'de' });
      await fill(form, '/amount', '12,5');
      await fill(form, '/people', '3');
      expect(form.value).to.deep.include({ amount: 12.5, people: 3 });
      expect(control(form, '/amount').value).to.equal('12,5');
      await fill(form, '/people', 'drei');
      control(form, '/people').blur();
      await settle(form);
      expect(text(field(form, '/people')!.querySelector('.error'))).to.contain('ganze Zahl');
    });
  });

  describe('validation', () => {
    it('shows an error when a field is left, and updates it while typing', async () => {
      form = await mountForm(controls, { locale: 'en' });
      await fill(form, '/name', 'A');
      expect(field(form, '/name')!.querySelector('.error'), 'no error while typing the first time').to.equal(null);
      control(form, '/name').blur();
      await settle(form);
      const input = control(form, '/name');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const error = field(form, '/name')!.querySelector('.error')!;
      expect(input.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
      expect(text(error)).to.contain('at least 2 characters');
      await fill(form, '/name', 'Ab');
      expect(field(form, '/name')!.querySelector('.error')).to.equal(null);
      expect(control(form, '/name').getAttribute('aria-invalid')).to.equal('false');
    });

    it('loads a module with its definitions beside it: the words of one language, the next on a change of locale', async () => {
      const fetched: string[] = [];
      const realFetch = window.fetch;
      window.fetch = (input, init) => {
        fetched.push(String(input));
        return realFetch(input, init);
      };
      try {
        const f = (form = document.createElement('cf-form'));
        f.setAttribute('src', '/.cache/browser/beside/zweite-chance-intake.validators.js');
        f.setAttribute('locale', 'de');
        document.body.append(f);
        await waitFor(() => f.shadowRoot?.querySelector('form'), 'the form to render');
        await settle(f);
        const de = (await (await realFetch('/.cache/browser/beside/zweite-chance-intake.de.json')).json()) as { definition: { texts: Record<string, Record<string, string>> } };
        expect(text($(f, '#cf-title'))).to.equal(de.definition.texts.de!['forms.intake.title']);
        // (Forms on this page were worked on before: the words of the later pages come at once, see texts-lazy.test.ts.)
        expect(fetched.map((u) => u.split('/').pop()!.split('?')[0]).filter((f) => !f?.includes('.texts.'))).to.deep.equal(['zweite-chance-intake.de.json']);
        await fill(f, '/person/givenName', 'Ada');
        f.locale = 'en';
        await waitFor(() => text($(f, '#cf-title')) === 'Sign-up for Second Chance', 'the English title');
        await settle(f);
        // The words of the later pages come with the code that checks answers, and what the applicant is told after
        // sending with the sending code, both at the first focus; another language then comes with all its words.
        expect(fetched.map((u) => u.split('/').pop()!.split('?')[0])).to.deep.equal([
          'zweite-chance-intake.de.json',
          'zweite-chance-intake.texts.de.json',
          'zweite-chance-intake.notes.de.json',
          'zweite-chance-intake.en.json',
          'zweite-chance-intake.texts.en.json',
        ]);
        expect($(f, '.cf').getAttribute('lang')).to.equal('en');
        expect(control(f, '/person/givenName').value, 'what was typed stays').to.equal('Ada');
        // Back to German: fetched again (each switch asks for its language; the browser's cache answers).
        f.locale = 'de';
        await waitFor(() => text($(f, '#cf-title')) === de.definition.texts.de!['forms.intake.title'], 'the German title again');
      } finally {
        window.fetch = realFetch;
      }
    });

    it('lets only the latest change of language count, also when an earlier one’s words arrive late', async () => {
      const realFetch = window.fetch;
      const held = new Map<string, () => void>();
      // The words of a language are held back until the test lets them through.
      const hold = (lang: string) => {
        window.fetch = async (input, init) => {
          if (new URL(String(input), location.href).pathname.endsWith(`.${lang}.json`)) await new Promise<void>((r) => held.set(lang, r));
          return realFetch(input, init);
        };
      };
      const german = 'Anmeldung bei Zweite Chance';
      try {
        // English asked for, German again before the English words arrive: the late English changes nothing.
        const f = (form = document.createElement('cf-form'));
        f.setAttribute('src', '/.cache/browser/beside/zweite-chance-intake.validators.js?late');
        f.setAttribute('locale', 'de');
        document.body.append(f);
        await waitFor(() => f.shadowRoot?.querySelector('form'), 'the form to render');
        hold('en');
        f.locale = 'en';
        await waitFor(() => held.has('en'), 'the English words to be asked for');
        f.locale = 'de';
        await settle(f);
        held.get('en')!();
        await new Promise((r) => setTimeout(r, 200));
        await settle(f);
        expect(text($(f, '#cf-title'))).to.equal(german);
        expect($(f, '.cf').getAttribute('lang')).to.equal('de');
        f.remove();

        // A language chosen while the form is still loading the words of another: the chosen one is fetched and shown.
        held.clear();
        hold('de');
        const g = (form = document.createElement('cf-form'));
        g.setAttribute('src', '/.cache/browser/beside/zweite-chance-intake.validators.js?during');
        g.setAttribute('locale', 'de');
        document.body.append(g);
        await waitFor(() => held.has('de'), 'the German words to be asked for');
        g.locale = 'en';
        await g.updateComplete;
        held.get('de')!();
        await waitFor(() => g.shadowRoot?.querySelector('#cf-title') && text($(g, '#cf-title')) === 'Sign-up for Second Chance', 'the English title');
        expect($(g, '.cf').getAttribute('lang')).to.equal('en');
      } finally {
        window.fetch = realFetch;
      }
    });

    it('reports a definition that does not belong to the validators as a failed load', async () => {
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        const response = await realFetch(input, init);
        if (!new URL(String(input), location.href).pathname.endsWith('.json')) return response;
        const doc = (await response.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...doc, hash: '0'.repeat(64) }), { headers: { 'Content-Type': 'application/json' } });
      };
      try {
        const f = (form = document.createElement('cf-form'));
        const errors: string[] = [];
        f.addEventListener('cf-error', (e) => errors.push(e.detail.kind));
        f.setAttribute('src', '/.cache/browser/beside/zweite-chance-intake.validators.js?mismatch');
        f.setAttribute('locale', 'en');
        document.body.append(f);
        await waitFor(() => f.shadowRoot?.querySelector('.notice-error'), 'the load failure');
        expect(errors).to.deep.equal(['load']);
      } finally {
        window.fetch = realFetch;
      }
    });

    it('shows the program’s description on the first page unless told to hide it', async () => {
      form = await mountForm(zweite, { locale: 'en' });
      expect(text($(form, '.description'))).to.contain('Second Chance');
      form.remove();
      form = await mountForm(zweite, { locale: 'en', 'hide-description': true });
      expect(form.shadowRoot!.querySelector('.description')).to.equal(null);
    });

    // Issue 22, deliverable 2: the widget stops at the same number of errors as the server, and says so.
    it('lists at most maxErrors problems in the summary and says how many more there are', async () => {
      for (const [locale, sentence] of [['en', 'Problems not listed here: 142 more.'], ['de', 'Hier nicht aufgeführt: 142 weitere Probleme.']] as const) {
        form = await mountForm(zweite, { form: 'coachingPlan', locale });
        form.value = { plan: { goals: 'Get a job', measures: Array.from({ length: 120 }, () => ({})) } };
        await settle(form);
        await primary(form);
        expect($$(form, '.error-summary a')).to.have.length(maxErrors);
        expect(text($$(form, '.error-summary li').at(-1)!)).to.equal(sentence);
        form.remove();
      }
    });

    it('opens an error summary on a failed continue, focuses it, and its links lead to the fields', async () => {
      form = await mountForm(zweite, { locale: 'en' });
      await primary(form);
      const summary = $(form, '.error-summary');
      expect(active(form)).to.equal(summary);
      const links = $$<HTMLAnchorElement>(form, '.error-summary a');
      expect(links.map(text)).to.deep.equal([
        'Given name: Please fill in this field.',
        'Family name: Please fill in this field.',
        'Date of birth: Please fill in this field.',
      ]);
      expect(control(form, '/person/givenName').getAttribute('aria-invalid')).to.equal('true');
      links[1]!.click();
      await settle(form);
      expect(active(form)).to.equal(control(form, '/person/familyName'));
      expect(text($(form, '#cf-page-title')), 'still on the first page').to.equal('About you');
    });

    it('uses the program’s own error messages', async () => {
      form = await mountForm(zweite, { locale: 'en' });
      await fill(form, '/person/givenName', 'Jo');
      await fill(form, '/person/familyName', 'Doe');
      await fill(form, '/person/birthDate', '2');
      await fill(form, '/person/birthDate-month', '1');
      await fill(form, '/person/birthDate-year', '2000');
      await primary(form);
      await choose(form, '/contact/addressStatus', 0);
      await fill(form, '/contact/address/postcode', '123');
      control(form, '/contact/address/postcode').blur();
      await settle(form);
      expect(text(field(form, '/contact/address/postcode')!.querySelector('.error'))).to.equal('Error: Please enter the postcode as 5 digits, for example 63128.');
    });
  });

  describe('conditions', () => {
    it('shows and hides fields live, and does not send hidden data', async () => {
      form = await mountForm(zweite, { locale: 'de' });
      expect(field(form, '/person/interpreterLanguage')).to.equal(undefined);
      control(form, '/person/interpreterNeeded').click();
      await settle(form);
      await fill(form, '/person/interpreterLanguage', 'Farsi');
      expect(form.value).to.deep.include({ person: { interpreterNeeded: true, interpreterLanguage: 'Farsi' } });
      control(form, '/person/interpreterNeeded').click();
      await settle(form);
      expect(field(form, '/person/interpreterLanguage')).to.equal(undefined);
      const sent: unknown[] = [];
      form.addEventListener('cf-submit', (e) => {
        e.preventDefault();
        sent.push(e.detail.data);
      });
      form.value = { ...form.value!, person: { ...(form.value!['person'] as object), givenName: 'Jo', familyName: 'D', birthDate: '2001-01-31' }, contact: { addressStatus: 'none', contactPoint: { name: 'Tagestreff', howToReach: 'abends' } }, housing: { situation: 'street' }, income: { status: 'none' }, consent: { dataProcessing: true } };
      await settle(form);
      for (let i = 0; i < 12 && !form.shadowRoot!.querySelector('cf-review'); i++) await primary(form);
      await primary(form);
      expect(sent).to.have.length(1);
      expect((sent[0] as { person: object }).person).to.deep.equal({ givenName: 'Jo', familyName: 'D', birthDate: '2001-01-31', interpreterNeeded: false });
    });

    it('adds and removes a conditional page, with its step', async () => {
      form = await mountForm(controls, { locale: 'en' });
      form.value = { name: 'Ada', consent: true };
      await settle(form);
      expect(text($(form, '.steps-text'))).to.equal('Step 1 of 2');
      control(form, '/member').click();
      await settle(form);
      expect(text($(form, '.steps-text'))).to.equal('Step 1 of 3');
      await primary(form);
      expect(text($(form, '#cf-page-title'))).to.equal('Membership');
      await primary(form);
      expect($$(form, '.error-summary a').map(text)).to.deep.equal(['Member number: Please fill in this field.']);
      await fill(form, '/memberNumber', 'M-1234');
      await primary(form);
      expect(text($(form, '#cf-page-title'))).to.equal('Check your answers before sending');
      expect($$(form, '.answers-section .answers-heading').map(text)).to.deep.equal(['One page', 'Membership']);
      $<HTMLButtonElement>(form, 'button.secondary').click();
      await settle(form);
      $<HTMLButtonElement>(form, 'button.secondary').click();
      await settle(form);
      control(form, '/member').click();
      await settle(form);
      expect(text($(form, '.steps-text'))).to.equal('Step 1 of 2');
      let sent: unknown;
      form.addEventListener('cf-submit', (e) => {
        e.preventDefault();
        sent = e.detail.data;
      });
      await primary(form);
      await primary(form);
      expect(sent, 'the hidden page’s data is not sent').to.deep.equal({ name: 'Ada', consent: true, member: false });
    });

    it('hides a whole group and its error while its condition fails', async () => {
      form = await mountForm(zweite, { locale: 'en', }, {});
      form.value = { person: { givenName: 'A', familyName: 'B', birthDate: '2000-01-01' } };
      await settle(form);
      await primary(form);
      expect(field(form, '/contact/address/street')).to.equal(undefined);
      await choose(form, '/contact/addressStatus', 0);
      expect(field(form, '/contact/address/street')).to.not.equal(undefined);
      await choose(form, '/contact/addressStatus', 1);
      expect(field(form, '/contact/address/street')).to.equal(undefined);
      expect(field(form, '/contact/contactPoint/name')).to.not.equal(undefined);
    });
  });

  describe('repeatable groups', () => {
    async function toHousehold(f: CfForm) {
      const data = (await (await fetch('/.cache/browser/zweite-chance.cases.json')).json()) as { file: string; data: Record<string, unknown> }[];
      f.value = structuredClone(data.find((c) => c.file === 'valid-minimal.json')!.data);
      await settle(f);
      for (let i = 0; i < 4; i++) await primary(f);
      expect(text($(f, '#cf-page-title'))).to.match(/household|Haushalt/);
    }

    it('adds and removes entries, moving focus sensibly and keeping the limits', async () => {
      form = await mountForm(zweite, { locale: 'en' });
      await toHousehold(form);
      expect(text($(form, '.list .empty'))).to.equal('No entries yet.');
      $<HTMLButtonElement>(form, '#cf-household-add').click();
      await settle(form);
      await new Promise((r) => setTimeout(r, 0));
      expect($$(form, '.entry')).to.have.length(1);
      expect(active(form)).to.equal(control(form, '/household/0/relation'));
      expect(text($(form, '.entry legend'))).to.equal('Entry 1');
      for (let i = 1; i < 10; i++) {
        $<HTMLButtonElement>(form, '#cf-household-add').click();
        await settle(form);
      }
      expect($$(form, '.entry')).to.have.length(10);
      expect(form.shadowRoot!.querySelector('#cf-household-add'), 'no adding past maxItems').to.equal(null);
      await fill(form, '/household/1/firstName', 'Mia');
      $$<HTMLButtonElement>(form, '.entry .remove-button')[0]!.click();
      await settle(form);
      await new Promise((r) => setTimeout(r, 0));
      expect($$(form, '.entry')).to.have.length(9);
      expect(control(form, '/household/0/firstName').value, 'the second entry moved up').to.equal('Mia');
      expect(active(form)).to.equal($(form, '#cf-household-add'));
    });

    it('validates each entry on its own and blocks continuing while one is incomplete', async () => {
      form = await mountForm(zweite, { locale: 'en' });
      await toHousehold(form);
      $<HTMLButtonElement>(form, '#cf-household-add').click();
      await settle(form);
      await fill(form, '/household/0/firstName', 'Ali');
      await primary(form);
      expect($$(form, '.error-summary a').map(text)).to.deep.equal(['Who is this person to you? (Entry 1): Please fill in this field.']);
      await choose(form, '/household/0/relation', 0);
      const select = control(form, '/household/0/relation') as unknown as HTMLSelectElement;
      select.selectedIndex = 2;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await settle(form);
      expect((form.value!['household'] as object[])[0]).to.deep.equal({ firstName: 'Ali', relation: 'child' });
      await primary(form);
      expect(text($(form, '#cf-page-title'))).to.equal('Health and counselling');
    });
  });

  describe('wizard', () => {
    it('moves between pages with a step indicator, and reviews before sending', async () => {
      form = await mountForm(zweite, { locale: 'en' });
      const pages: string[] = [];
      form.addEventListener('cf-page', (e: CfPageEvent) => pages.push(`${e.detail.page} ${e.detail.step}/${e.detail.steps}`));
      expect(text($(form, '.steps-text'))).to.equal('Step 1 of 9');
      expect(text($(form, '[aria-current="step"]'))).to.equal('About you');
      expect(form.shadowRoot!.querySelector('button.secondary'), 'no back on the first page').to.equal(null);
      const cases = (await (await fetch('/.cache/browser/zweite-chance.cases.json')).json()) as { file: string; data: Record<string, unknown> }[];
      form.value = structuredClone(cases.find((c) => c.file === 'valid-fixed-address.json')!.data);
      await settle(form);
      await primary(form);
      expect(text($(form, '#cf-page-title'))).to.equal('How we can reach you');
      expect(active(form)).to.equal($(form, '#cf-page-title'));
      $<HTMLButtonElement>(form, 'button.secondary').click();
      await settle(form);
      await new Promise((r) => setTimeout(r, 0));
      expect(text($(form, '#cf-page-title'))).to.equal('About you');
      for (let i = 0; i < 8; i++) await primary(form);
      expect(text($(form, '#cf-page-title'))).to.equal('Check your answers before sending');
      expect(pages.slice(0, 2)).to.deep.equal(['contact 2/9', 'person 1/9']);
      expect(pages.at(-1)).to.equal('review 9/9');
      const rows = $$(form, '.answers-row');
      const given = rows.find((r) => text(r.querySelector('dt')) === 'Given name')!;
      expect(text(given.querySelector('dd'))).to.equal((cases.find((c) => c.file === 'valid-fixed-address.json')!.data['person'] as { givenName: string }).givenName);
      expect(text($(form, 'button.primary'))).to.equal('Send');
      given.querySelector('button')!.click();
      await settle(form);
      expect(text($(form, '#cf-page-title'))).to.equal('About you');
      expect(active(form)).to.equal(control(form, '/person/givenName'));
      await fill(form, '/person/givenName', 'Kim');
      expect(text($(form, 'button.primary'))).to.equal('Back to checking your answers');
      await primary(form);
      expect(text($(form, '#cf-page-title')), 'straight back to the review').to.equal('Check your answers before sending');
      expect(text($$(form, '.answers-row').find((r) => text(r.querySelector('dt')) === 'Given name')!.querySelector('dd'))).to.equal('Kim');
    });
  });

  describe('sending', () => {
    const realFetch = window.fetch;
    afterEach(() => {
      window.fetch = realFetch;
    });

    async function readyToSend(attrs: Record<string, string | boolean> = {}): Promise<CfForm> {
      const f = await mountForm(controls, { locale: 'en', action: '/api/submissions', ...attrs }, { retryDelays: [20, 20] });
      f.value = { name: 'Ada', consent: true };
      await settle(f);
      await primary(f);
      expect(text($(f, '#cf-page-title'))).to.equal('Check your answers before sending');
      return f;
    }

    it('retries after a network failure with the same idempotency key and shows the reference', async () => {
      const calls: { url: string; init: RequestInit }[] = [];
      window.fetch = async (url, init) => {
        calls.push({ url: String(url), init: init! });
        if (calls.length === 1) throw new TypeError('Failed to fetch');
        if (calls.length === 2) return new Response('{}', { status: 503 });
        return new Response(JSON.stringify({ reference: 'CTRL-2026-0007' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
      };
      form = await readyToSend();
      const events: string[] = [];
      form.addEventListener('cf-error', (e) => events.push(`error ${e.detail.kind} ${e.detail.willRetry}`));
      form.addEventListener('cf-submitted', (e) => events.push(`submitted ${e.detail.reference}`));
      await primary(form);
      await waitFor(() => form!.shadowRoot!.querySelector('.reference'), 'the confirmation');
      expect(text($(form, '.reference'))).to.equal('CTRL-2026-0007');
      expect(calls).to.have.length(3);
      const keys = calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']);
      expect(keys[0]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(keys).size).to.equal(1);
      expect(JSON.parse(String(calls[0]!.init.body))).to.deep.equal({ name: 'Ada', consent: true });
      expect(calls[0]!.url).to.equal(new URL('/api/submissions', location.href).href);
      expect(events).to.deep.equal(['error network true', 'error server true', 'submitted CTRL-2026-0007']);
    });

    it('keeps every answer when all retries fail, and sends the same data with the same key again', async () => {
      const keys: string[] = [];
      window.fetch = async (_url, init) => {
        keys.push((init!.headers as Record<string, string>)['Idempotency-Key']!);
        throw new TypeError('offline');
      };
      form = await readyToSend();
      await primary(form);
      await waitFor(() => form!.shadowRoot!.querySelector('.notice-error'), 'the failure notice', 3000);
      expect(keys).to.have.length(3);
      expect(form.value).to.deep.equal({ name: 'Ada', consent: true });
      expect(text($(form, '.notice-error'))).to.contain('Your answers are kept');
      await primary(form);
      await waitFor(() => keys.length === 6, 'the second round');
      expect(new Set(keys).size).to.equal(1);
    });

    it('shows the server’s field errors on their fields', async () => {
      window.fetch = async () =>
        new Response(JSON.stringify({ errors: [{ pointer: '/name', code: 'taken', message: 'This name is already registered.', params: {} }] }), { status: 422 });
      form = await readyToSend();
      const kinds: string[] = [];
      form.addEventListener('cf-error', (e) => kinds.push(e.detail.kind));
      await primary(form);
      await waitFor(() => form!.shadowRoot!.querySelector('.error-summary a'), 'the summary');
      expect(kinds).to.deep.equal(['validation']);
      expect(text($(form, '.error-summary a'))).to.equal('Name: This name is already registered.');
      $<HTMLAnchorElement>(form, '.error-summary a').click();
      await settle(form);
      expect(text(field(form, '/name')!.querySelector('.error'))).to.contain('already registered');
      await fill(form, '/name', 'Ada L.');
      expect(field(form, '/name')!.querySelector('.error'), 'a change clears the server’s word').to.equal(null);
    });

    it('lets the host send the data itself by cancelling cf-submit', async () => {
      let fetched = false;
      window.fetch = async () => {
        fetched = true;
        return new Response('{}', { status: 201 });
      };
      form = await readyToSend();
      form.addEventListener('cf-submit', (e) => e.preventDefault());
      await primary(form);
      expect(fetched).to.equal(false);
      await form.showConfirmation('HOST-1');
      expect(text($(form, '.reference'))).to.equal('HOST-1');
    });
  });

  describe('drafts', () => {
    it('saves answers, offers to resume them after a reload, and reuses the idempotency key', async () => {
      window.fetch = async () => {
        throw new TypeError('offline');
      };
      form = await mountForm(controls, { locale: 'en', drafts: true, action: '/x' }, { retryDelays: [] });
      await fill(form, '/name', 'Grace');
      await fill(form, '/story', 'Once upon a time');
      form.value = { ...form.value!, consent: true };
      await primary(form);
      await primary(form);
      await waitFor(() => form!.shadowRoot!.querySelector('.notice-error'), 'the failed send');
      window.dispatchEvent(new Event('pagehide'));
      const stored = JSON.parse(localStorage.getItem('cf-draft:controls:all')!) as { data: object; idempotency: { key: string }; place: string };
      expect(stored.data).to.deep.equal({ name: 'Grace', story: 'Once upon a time', consent: true });
      expect(stored.place).to.equal('review');
      form.remove();

      form = await mountForm(controls, { locale: 'en', drafts: true });
      expect(text($(form, '.resume'))).to.contain('Continue where you left off?');
      $<HTMLButtonElement>(form, '.resume button.primary').click();
      await settle(form);
      await new Promise((r) => setTimeout(r, 0));
      expect(form.value).to.deep.equal({ name: 'Grace', story: 'Once upon a time', consent: true });
      expect(text($(form, '#cf-page-title'))).to.equal('Check your answers before sending');
      let key = '';
      form.addEventListener('cf-submit', (e) => {
        e.preventDefault();
        key = e.detail.idempotencyKey;
      });
      await primary(form);
      expect(key).to.equal(stored.idempotency.key);
    });

    it('starts again and deletes the draft when asked', async () => {
      localStorage.setItem('cf-draft:controls:all', JSON.stringify({ v: 1, program: 'controls@1.0.0', form: 'all', data: { name: 'Old' }, place: 'one', savedAt: new Date().toISOString() }));
      form = await mountForm(controls, { locale: 'de', drafts: true });
      expect(text($(form, '.resume button.secondary'))).to.equal('Neu beginnen');
      $<HTMLButtonElement>(form, '.resume button.secondary').click();
      await settle(form);
      expect(form.value).to.deep.equal({});
      expect(localStorage.getItem('cf-draft:controls:all')).to.equal(null);
    });

    it('leaves personal data out of drafts when asked', async () => {
      form = await mountForm(controls, { locale: 'en', drafts: true, 'drafts-omit-personal': true });
      await fill(form, '/name', 'Grace');
      await fill(form, '/story', 'kept');
      window.dispatchEvent(new Event('pagehide'));
      expect(JSON.parse(localStorage.getItem('cf-draft:controls:all')!).data).to.deep.equal({ story: 'kept' });
      expect(text($(form, '.draft-note'))).to.contain('Personal details are not saved');
    });

    it('saves nothing without the drafts attribute', async () => {
      form = await mountForm(controls, { locale: 'en' });
      await fill(form, '/name', 'Grace');
      window.dispatchEvent(new Event('pagehide'));
      expect(localStorage.length).to.equal(0);
    });
  });

  describe('inside a host form', () => {
    it('submits its data as JSON under its name and reports validity', async () => {
      const host = document.createElement('form');
      document.body.append(host);
      try {
        form = await mountForm(controls, { locale: 'en', name: 'application' }, {}, host);
        expect(form.checkValidity()).to.equal(false);
        expect(form.validationMessage).to.contain('Name');
        await fill(form, '/name', 'Ada');
        form.value = { ...form.value!, consent: true };
        await settle(form);
        expect(form.checkValidity()).to.equal(true);
        expect(JSON.parse(String(new FormData(host).get('application')))).to.deep.equal({ name: 'Ada', consent: true });
        host.reset();
        await settle(form);
        expect(form.value).to.deep.equal({});
      } finally {
        host.remove();
      }
    });

    it('chooses the program’s form with form-id and stays part of the host form', async () => {
      const host = document.createElement('form');
      document.body.append(host);
      try {
        form = await mountForm(controls, { locale: 'en', name: 'application', 'form-id': 'all' }, {}, host);
        expect(form.formId).to.equal('all');
        await fill(form, '/name', 'Ada');
        await settle(form);
        expect(JSON.parse(String(new FormData(host).get('application')))).to.deep.include({ name: 'Ada' });
      } finally {
        host.remove();
      }
    });

    it('tells the developer when the form attribute has taken it out of the host form', async () => {
      const host = document.createElement('form');
      document.body.append(host);
      const warnings: string[] = [];
      const realWarn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
      try {
        form = await mountForm(controls, { locale: 'en', name: 'application', form: 'all' }, {}, host);
        await fill(form, '/name', 'Ada');
        await settle(form);
        expect(new FormData(host).get('application')).to.equal(null);
        expect(warnings.some((w) => w.includes('form-id="all"'))).to.equal(true, warnings.join('\n'));
      } finally {
        console.warn = realWarn;
        host.remove();
      }
    });
  });

  describe('disabled by the host', () => {
    it('cannot be used inside a disabled fieldset', async () => {
      const host = document.createElement('form');
      const set = document.createElement('fieldset');
      host.append(set);
      document.body.append(host);
      try {
        form = await mountForm(controls, { locale: 'en' }, {}, set);
        set.disabled = true;
        await settle(form);
        expect($(form, 'form').inert).to.equal(true);
        set.disabled = false;
        await settle(form);
        expect($(form, 'form').inert).to.equal(false);
      } finally {
        host.remove();
      }
    });
  });

  describe('languages', () => {
    it('switches language live', async () => {
      form = await mountForm(controls, { locale: 'de' });
      expect(text($(form, 'button.primary'))).to.equal('Weiter');
      form.locale = 'en';
      await settle(form);
      expect(text($(form, 'button.primary'))).to.equal('Continue');
      expect(text(field(form, '/story')!.querySelector('label'))).to.equal('Story');
    });

    it('lays Arabic out right to left', async () => {
      form = await mountForm(controls, { locale: 'ar' });
      const base = $(form, '.cf');
      expect(base.getAttribute('dir')).to.equal('rtl');
      expect(base.getAttribute('lang')).to.equal('ar');
      expect(text(field(form, '/name')!.querySelector('label'))).to.contain('الاسم');
      const label = field(form, '/name')!.querySelector('label')!.getBoundingClientRect();
      const box = base.getBoundingClientRect();
      expect(Math.abs(box.right - label.right), 'labels start at the right').to.be.below(2);
      const radio = field(form, '/size')!.querySelector('input')!.getBoundingClientRect();
      const radioLabel = field(form, '/size')!.querySelector('.choice label')!.getBoundingClientRect();
      expect(radio.left, 'a radio button stands right of its label').to.be.above(radioLabel.right - 1);
      expect(getComputedStyle(base).direction).to.equal('rtl');
    });
  });

  describe('theming and layout', () => {
    it('takes colours from custom properties and styles from ::part', async () => {
      const style = document.createElement('style');
      style.textContent = 'cf-form.themed { --cf-color-accent: rgb(1, 2, 3); } cf-form.themed::part(title) { letter-spacing: 3px; }';
      document.head.append(style);
      try {
        form = await mountForm(controls, { locale: 'en', class: 'themed' });
        expect(getComputedStyle($(form, 'button.primary')).backgroundColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle($(form, '#cf-title')).letterSpacing).to.equal('3px');
      } finally {
        style.remove();
      }
    });

    it('reflows at 320 CSS pixels without scrolling sideways', async () => {
      await setViewport({ width: 320, height: 640 });
      for (const mod of [zweite, controls]) {
        form = await mountForm(mod, { locale: 'de' });
        await primary(form);
        const root = document.scrollingElement!;
        expect(root.scrollWidth, 'page width').to.be.at.most(320);
        for (const el of $$(form, 'input, select, textarea, button, label, legend, p')) {
          expect(el.getBoundingClientRect().right, `${el.tagName} ${text(el).slice(0, 30)}`).to.be.at.most(321);
        }
        form.remove();
      }
    });
  });

  describe('files', () => {
    function pick(input: HTMLInputElement, file: File) {
      const dt = new DataTransfer();
      dt.items.add(file);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }

    it('refuses files of the wrong type or size, and stores an accepted file inline', async () => {
      form = await mountForm(controls, { locale: 'en' });
      pick(control(form, '/proof'), new File(['x'], 'a.png', { type: 'image/png' }));
      await settle(form);
      expect(text(field(form, '/proof')!.querySelector('.error'))).to.contain('type application/pdf');
      pick(control(form, '/proof'), new File(['x'.repeat(3000)], 'big.pdf', { type: 'application/pdf' }));
      await settle(form);
      expect(text(field(form, '/proof')!.querySelector('.error'))).to.contain('at most 2 kB');
      pick(control(form, '/proof'), new File(['%PDF-1'], 'ok.pdf', { type: 'application/pdf' }));
      await waitFor(() => form!.value!['proof'], 'the file value');
      await settle(form);
      expect(form.value!['proof']).to.equal(btoa('%PDF-1'));
      expect(field(form, '/proof')!.querySelector('.error')).to.equal(null);
      expect(text(field(form, '/proof')!.querySelector('.file'))).to.equal('Chosen file: ok.pdf (6 byte)');
    });

    it('hands files to the host’s upload hook and stores what it returns', async () => {
      const seen: string[] = [];
      form = await mountForm(controls, { locale: 'en' }, { upload: async (file, ctx) => (seen.push(`${file.name} ${ctx.pointer}`), 'upload:42') });
      pick(control(form, '/proof'), new File(['%PDF-1'], 'ok.pdf', { type: 'application/pdf' }));
      await waitFor(() => form!.value!['proof'], 'the uploaded value');
      expect(form.value!['proof']).to.equal('upload:42');
      expect(seen).to.deep.equal(['ok.pdf /proof']);
    });
  });
});
