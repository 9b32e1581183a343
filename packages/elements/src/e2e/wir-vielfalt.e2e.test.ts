// WIR-Vielfalt end to end in Chromium against the real server. The call for applications closed at the end of
// November 2019, so the server refuses an application sent today; the walk therefore runs at the times of
// examples/wir-vielfalt/cases/workflow-happy-path.json: each element talks to `/at/<instant>/v1`, the same server
// and store with its clock at that instant (scripts/wtr-api-server.mjs). A town applies with the public form, the
// officer checks and decides in the inbox, the town submits its proof of use on its status page (the link of its
// receipt), the officer accepts it in the inbox, and the report counts the grant.
import { expect } from '@esm-bundle/chai';
import '../case-status/define.js';
import type { CfSubmittedEvent } from '../events/submitted.js';
import type { CfForm } from '../form/form.js';
import { loadModule, mountForm } from '../test-support/fixtures.js';
import { fillAndSend, listedProgram, openCaseInInbox, readReport, sendEventInInbox, shownState, signInToInbox, tokenOf, waitFor, walk } from './person.js';

const PROGRAM = 'wir-vielfalt';
const atTime = (instant: string) => `/at/${new Date(instant).toISOString()}`;

describe('WIR-Vielfalt end to end: application → inbox → status page → report', function () {
  this.timeout(180_000);
  afterEach(() => document.querySelectorAll('cf-form, cf-case-inbox, cf-case-status, cf-program-report').forEach((e) => e.remove()));

  it('a town applies within the call, the officer grants it, the town proves the use on its status page, the officer accepts it, and the report counts it', async () => {
    const listed = await listedProgram(PROGRAM);
    expect(listed.submissionForms).to.deep.equal(['application']);
    const officer = await tokenOf(`${PROGRAM}:officer`);
    const before = await readReport(PROGRAM, officer);
    const happy = await walk(PROGRAM, 'workflow-happy-path.json');
    const submit = happy.steps.find((s) => s.send === 'SUBMIT')!;
    const submissions = `/v1/programs/${PROGRAM}/versions/${listed.version}/submissions?form=application`;

    // Today the call is over: the same application is refused and opens no case that could be worked on.
    const late = await fetch(submissions, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${crypto.randomUUID()}` }, body: JSON.stringify(submit.data) });
    expect(late.status).to.not.equal(201);

    const form = await mountForm(await loadModule(PROGRAM), { form: 'application', locale: 'de', action: `${atTime(submit.at)}${submissions}` });
    let receipt: { caseId: string; reference: string; token: string } | undefined;
    form.addEventListener('cf-submitted', (e) => (receipt = (e as CfSubmittedEvent).detail.response as typeof receipt));
    await fillAndSend(form, submit.data!, () => form.shadowRoot!.querySelector('.confirmation .reference'));
    const reference = form.shadowRoot!.querySelector('.confirmation .reference')!.textContent!.trim();
    expect(reference).to.match(/^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt?.reference).to.equal(reference);
    form.remove();

    // The walk's steps without its detour through missing documents (the first, incomplete check and the town's
    // supply of them): the officer's in the inbox, the town's proof of use on its status page with the receipt's token.
    const steps = happy.steps.filter((s) => s.send !== 'SUBMIT' && s.send !== 'SUPPLY_DOCUMENTS' && !(s.send === 'RECORD_CHECK' && s.data?.['complete'] === false));
    expect(steps.map((s) => s.send)).to.deep.equal(['START_CHECK', 'RECORD_CHECK', 'DECIDE', 'SUBMIT_PROOF', 'ACCEPT_PROOF']);
    const titles: Record<string, string> = { formalCheck: 'Formale Prüfung', decision: 'Entscheidung', approved: 'Bewilligt', proofReview: 'Prüfung des Verwendungsnachweises', completed: 'Abgeschlossen' };
    let state = 'submitted';
    for (const step of steps) {
      if (step.as === 'town') {
        const status = document.createElement('cf-case-status');
        status.setAttribute('locale', 'de');
        status.setAttribute('api', atTime(step.at));
        status.token = receipt!.token;
        document.body.append(status);
        const $status = <T extends Element = HTMLElement>(sel: string) => status.shadowRoot!.querySelector<T>(sel);
        const current = () => $status('li[aria-current="step"] .step-title')?.textContent?.replace(/\s+/g, ' ').trim();
        await waitFor(current, 'the town’s status page', 15_000);
        expect(current()).to.equal(`${titles[state]} (aktueller Schritt)`);
        const choose = $status<HTMLButtonElement>(`button[data-event="${step.send}"]`);
        expect(choose?.textContent, 'the step offered to the town').to.equal('Verwendungsnachweis einreichen');
        choose!.click();
        const form = await waitFor(() => $status<CfForm>('[part="step-form"] cf-form'), 'the proof-of-use form');
        const confirmation = () => $status('.announce #cf-notice') ?? $status('#cf-notice[role="alert"]');
        await fillAndSend(form, step.data!, confirmation);
        const answer = confirmation()!;
        expect(answer.getAttribute('role'), answer.textContent!).to.not.equal('alert');
        state = step.expect!;
        expect(answer.textContent).to.equal(`Erledigt: Verwendungsnachweis einreichen. Neuer Stand Ihres Falls: „${titles[state]}“.`);
        await waitFor(() => current() === `${titles[state]} (aktueller Schritt)`, 'the status with the proof under review', 15_000);
        status.remove();
        continue;
      }
      const inbox = await signInToInbox(officer, 'de', atTime(step.at));
      await openCaseInInbox(inbox, PROGRAM, state, receipt!.caseId);
      await sendEventInInbox(inbox, step.send, step.data);
      state = step.expect!;
      expect(shownState(inbox)).to.equal(`Aktueller Stand: ${titles[state]}`);
      inbox.remove();
    }
    const stored = await (await fetch(`/v1/cases/${receipt!.caseId}`, { headers: { Authorization: `Bearer ${officer}` } })).json();
    expect([stored.state, stored.data.municipality.ags, stored.data.grantedAmount]).to.deep.equal(['completed', '06438099', 18000]);

    const after = await readReport(PROGRAM, officer);
    expect(after.states.get('Abgeschlossen')).to.equal((before.states.get('Abgeschlossen') ?? 0) + 1);
    expect(after.outcomes.get('Förderung bewilligt')).to.equal((before.outcomes.get('Förderung bewilligt') ?? 0) + 1);
    // The amount granted, in euros as the German report writes them ("1.234.000 €").
    const euros = (text: string | undefined) => Number((text ?? '0').replace(/[^\d,]/g, '').replace(',', '.'));
    expect(after.sums.has('granted')).to.equal(true);
    expect(euros(after.sums.get('granted'))).to.equal(euros(before.sums.get('granted')) + 18000);
  });

  it('works the total costs out as the town lists them, keeps the request within them on its field, and the server stores the total it works out itself', async () => {
    const listed = await listedProgram(PROGRAM);
    const officer = await tokenOf(`${PROGRAM}:officer`);
    const submit = (await walk(PROGRAM, 'workflow-happy-path.json')).steps.find((s) => s.send === 'SUBMIT')!;
    const submissions = `${atTime(submit.at)}/v1/programs/${PROGRAM}/versions/${listed.version}/submissions?form=application`;
    const costs = [{ item: 'Moderation der Werkstätten', amount: 9000 }, { item: 'Druck und Übersetzungen', amount: 6000 }];
    const data = { ...submit.data!, funding: { costs, requested: 19500 } };

    const form = await mountForm(await loadModule(PROGRAM), { form: 'application', locale: 'de', action: submissions });
    let receipt: { caseId: string } | undefined;
    form.addEventListener('cf-submitted', (e) => (receipt = (e as CfSubmittedEvent).detail.response as typeof receipt));
    const $ = <T extends Element = HTMLElement>(sel: string) => form.shadowRoot!.querySelector<T>(sel);
    const sent = () => $('.confirmation .reference');
    // 19,500 euros asked for 15,000 euros of costs: the form keeps the town on the funding page.
    const stuck = await fillAndSend(form, data, sent, 20_000).then(() => '', (e: Error) => e.message);
    expect(stuck).to.contain('Finanzierung');
    const total = $<HTMLOutputElement>('output#cf-funding-totalCosts')!;
    expect(total.textContent!.trim()).to.equal('15.000');
    expect(total.getAttribute('aria-live')).to.equal('polite');
    expect($('label[for="cf-funding-totalCosts"]')!.textContent!.trim()).to.equal('Gesamtkosten in Euro');
    expect($('#cf-funding-totalCosts-help')!.textContent).to.contain('Summe der Beträge');
    expect($('#cf-funding-requested-error')!.textContent).to.contain(
      'Bitte beantragen Sie höchstens 15000 Euro: Die Förderung beträgt bis zu 20.000 Euro und nie mehr als die Gesamtkosten.',
    );
    expect($('#cf-funding-requested')!.getAttribute('aria-invalid')).to.equal('true');
    expect($('#cf-funding-totalCosts-error'), 'the total itself is fine').to.equal(null);

    // A third expense raises the total as the town types it; then the request fits and the form goes out.
    const more = { ...data, funding: { costs: [...costs, { item: 'Saalmiete', amount: 4500 }], requested: 19500 } };
    await fillAndSend(form, more, sent);
    expect(receipt).to.not.equal(undefined);
    const stored = await (await fetch(`/v1/cases/${receipt!.caseId}`, { headers: { Authorization: `Bearer ${officer}` } })).json();
    expect(stored.data.funding.totalCosts).to.equal(19500);

    // Whatever a caller claims the total is, the server works it out from the costs.
    const claimed = { ...data, funding: { costs, requested: 15000, totalCosts: 1_000_000 } };
    const answer = await fetch(submissions, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${crypto.randomUUID()}` }, body: JSON.stringify(claimed) });
    expect(answer.status).to.equal(201);
    const opened = (await answer.json()) as { caseId: string };
    const kept = await (await fetch(`/v1/cases/${opened.caseId}`, { headers: { Authorization: `Bearer ${officer}` } })).json();
    expect(kept.data.funding.totalCosts).to.equal(15000);
  });
});
