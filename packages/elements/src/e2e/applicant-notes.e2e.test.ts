// What the applicant is told, end to end in Chromium against the real server: after sending, the confirmation says
// what happens next in the state the case is now in; the status page says it for the current state, and says the new
// state's words (with the running deadline's date in the reader's language) after a caseworker moves the case.
// WIR-Vielfalt runs at the times of examples/wir-vielfalt/cases/workflow-happy-path.json (its call closed in 2019);
// Zweite Chance's intake runs as a page loads it: code and words apart, one definition per language.
import { expect } from '@esm-bundle/chai';
import '../case-status/define.js';
import '../define.js';
import type { CfForm } from '../form/form.js';
import type { CfSubmittedEvent } from '../events/submitted.js';
import { exampleData } from '../test-support/api.js';
import { loadModule, mountForm } from '../test-support/fixtures.js';
import { fillAndSend, listedProgram, openCaseInInbox, sendEventInInbox, signInToInbox, tokenOf, waitFor, walk } from './person.js';
import { axeViolations } from '@civicflow/test-support/browser';

const atTime = (instant: string) => `/at/${new Date(instant).toISOString()}`;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const lines = (root: ParentNode, sel: string) => [...root.querySelectorAll(sel)].map(text);

/** A program's texts of one locale, as the program file writes them. */
async function textsOf(program: string, locale: string): Promise<Record<string, string>> {
  const def = (await (await fetch(`/examples/${program}/program.json`)).json()) as { texts: Record<string, Record<string, string>> };
  return def.texts[locale]!;
}

/** The lines a program text holds (one paragraph or item per line). */
const linesOf = (texts: Record<string, string>, key: string) => texts[key]!.split('\n');

type Receipt = { caseId: string; reference: string; token: string; state: string; due?: string };

describe('what the applicant is told, end to end', function () {
  this.timeout(180_000);
  afterEach(() => document.querySelectorAll('cf-form, cf-case-inbox, cf-case-status').forEach((e) => e.remove()));

  it('WIR: the confirmation tells the town what happens next; its status page tells the new state’s words and date after the officer asks for documents', async () => {
    const PROGRAM = 'wir-vielfalt';
    const de = await textsOf(PROGRAM, 'de');
    const en = await textsOf(PROGRAM, 'en');
    const listed = await listedProgram(PROGRAM);
    const happy = await walk(PROGRAM, 'workflow-happy-path.json');
    const submit = happy.steps.find((s) => s.send === 'SUBMIT')!;
    const start = happy.steps.find((s) => s.send === 'START_CHECK')!;
    const check = happy.steps.find((s) => s.send === 'RECORD_CHECK' && s.data?.['complete'] === false)!;

    // The town sends its application within the call.
    const form = await mountForm(await loadModule(PROGRAM), {
      form: 'application',
      locale: 'de',
      action: `${atTime(submit.at)}/v1/programs/${PROGRAM}/versions/${listed.version}/submissions?form=application`,
    });
    let receipt: Receipt | undefined;
    form.addEventListener('cf-submitted', (e) => (receipt = (e as CfSubmittedEvent).detail.response as Receipt));
    await fillAndSend(form, submit.data!, () => form.shadowRoot!.querySelector('.confirmation .reference'));
    expect(receipt?.state).to.equal('submitted');
    const confirmation = form.shadowRoot!.querySelector<HTMLElement>('.confirmation')!;
    const next = confirmation.querySelector('[part="next"]')!;
    expect(lines(next, 'h3')).to.deep.equal(['Wie es weitergeht', 'An wen Sie sich wenden können']);
    expect(lines(next, 'p.told')).to.deep.equal(linesOf(de, 'workflow.states.submitted.applicant.next'));
    expect(next.querySelector<HTMLElement>('.contact-lines')!.innerText.split('\n')).to.deep.equal(linesOf(de, 'workflow.states.submitted.applicant.contact'));
    expect(next.querySelector('.contact-lines a')!.getAttribute('href')).to.equal('mailto:wir-vielfalt@example.org');
    // No timer of "submitted" gives the town a date, and nothing to have ready is asked yet.
    expect(next.querySelector('.due, [part="bring"]')).to.equal(null);
    expect(await axeViolations(form, 'the confirmation with what happens next')).to.deep.equal([]);
    form.remove();

    // The status page, the day the officer starts the check: still "submitted", in the program's words.
    const status = document.createElement('cf-case-status');
    status.setAttribute('locale', 'de');
    status.setAttribute('api', atTime(start.at));
    status.token = receipt!.token;
    document.body.append(status);
    const $s = (sel: string) => status.shadowRoot!.querySelector<HTMLElement>(sel);
    const current = () => text($s('li[aria-current="step"] .step-title'));
    await waitFor(() => current() === 'Eingereicht (aktueller Schritt)', 'the status page in "submitted"', 15_000);
    expect(lines($s('[part="next"]')!, 'p.told')).to.deep.equal(linesOf(de, 'workflow.states.submitted.applicant.next'));
    // The program's words replace the general "the team is working on it".
    expect(text($s('[part="next"]'))).to.not.contain('Das Team bearbeitet');

    // The officer starts the check and finds documents missing: a four-week deadline starts.
    const officer = await tokenOf(`${PROGRAM}:officer`);
    let state = 'submitted';
    for (const step of [start, check]) {
      const inbox = await signInToInbox(officer, 'de', atTime(step.at));
      await openCaseInInbox(inbox, PROGRAM, state, receipt!.caseId);
      await sendEventInInbox(inbox, step.send, step.data);
      state = step.expect!;
      inbox.remove();
    }
    expect(state).to.equal('missingDocuments');

    // The town opens its status page again a few days later: the words of "documents missing", and by when.
    const later = new Date(Date.parse(check.at) + 3 * 86_400_000).toISOString();
    status.setAttribute('api', atTime(later));
    await waitFor(() => current() === 'Unterlagen fehlen (aktueller Schritt)', 'the status page in "missingDocuments"', 15_000);
    const nextDe = $s('[part="next"]')!;
    // 28 days after the check of 3 December 2019.
    expect(text(nextDe.querySelector('.due'))).to.equal(de['workflow.states.missingDocuments.applicant.due']!.replace('{date}', '31. Dezember 2019'));
    expect(lines(nextDe, 'p.told')).to.deep.equal(linesOf(de, 'workflow.states.missingDocuments.applicant.next'));
    expect(lines(nextDe, '[part="bring"] li')).to.deep.equal(linesOf(de, 'workflow.states.missingDocuments.applicant.bring'));
    expect(lines(nextDe, '[part="bring"] h4, [part="contact"] h4')).to.deep.equal(['Was Sie bereithalten sollten', 'An wen Sie sich wenden können']);
    // The deadline whose date the words give is not listed a second time; the step to supply the documents is offered.
    expect(nextDe.querySelector('ul.deadlines')).to.equal(null);
    expect(text(nextDe.querySelector('button[data-event="SUPPLY_DOCUMENTS"]'))).to.equal('Unterlagen nachreichen');
    expect(await axeViolations(status, 'the status page with what happens next')).to.deep.equal([]);

    // In English: the same state in the program's English words, the date as "en" writes it.
    status.setAttribute('locale', 'en');
    await waitFor(() => current() === 'Documents missing (current step)', 'the status page in English', 15_000);
    const nextEn = $s('[part="next"]')!;
    expect(text(nextEn.querySelector('.due'))).to.equal(en['workflow.states.missingDocuments.applicant.due']!.replace('{date}', 'December 31, 2019'));
    expect(lines(nextEn, '[part="bring"] li')).to.deep.equal(linesOf(en, 'workflow.states.missingDocuments.applicant.bring'));
    expect(lines(nextEn, '[part="bring"] h4, [part="contact"] h4')).to.deep.equal(['What to have ready', 'Whom to contact']);
  });

  it('Zweite Chance: a page with the intake’s words beside its code confirms the sign-up with what happens next, what to bring and whom to contact, in either language', async () => {
    const PROGRAM = 'zweite-chance';
    const de = await textsOf(PROGRAM, 'de');
    const en = await textsOf(PROGRAM, 'en');
    const listed = await listedProgram(PROGRAM);
    localStorage.clear();
    const form = document.createElement('cf-form') as CfForm;
    form.setAttribute('src', '/.cache/browser/beside/zweite-chance-intake.validators.js');
    form.setAttribute('form', 'intake');
    form.setAttribute('locale', 'de');
    form.setAttribute('action', `/v1/programs/${PROGRAM}/versions/${listed.version}/submissions?form=intake`);
    document.body.append(form);
    await fillAndSend(form, await exampleData(PROGRAM, 'valid-minimal.json'), () => form.shadowRoot!.querySelector('.confirmation .reference'));
    const next = () => form.shadowRoot!.querySelector<HTMLElement>('.confirmation [part="next"]')!;
    expect(lines(next(), 'h3')).to.deep.equal(['Wie es weitergeht', 'Was Sie bereithalten sollten', 'An wen Sie sich wenden können']);
    expect(lines(next(), 'p.told')).to.deep.equal(linesOf(de, 'workflow.states.profiling.applicant.next'));
    expect(lines(next(), '[part="bring"] li')).to.deep.equal(linesOf(de, 'workflow.states.profiling.applicant.bring'));
    expect(next().querySelector<HTMLElement>('.contact-lines')!.innerText.split('\n')).to.deep.equal(linesOf(de, 'workflow.states.profiling.applicant.contact'));
    // The person switches the language on the confirmation: the English words come with the English definition.
    form.setAttribute('locale', 'en');
    await waitFor(() => text(next()?.querySelector('h3')) === 'What happens next', 'the confirmation in English', 15_000);
    await waitFor(() => lines(next(), 'p.told').join('\n') === en['workflow.states.profiling.applicant.next'], 'the program’s English words', 15_000);
    expect(lines(next(), '[part="bring"] li')).to.deep.equal(linesOf(en, 'workflow.states.profiling.applicant.bring'));
  });
});
