// Zukunftsbündnis end to end in Chromium against the real server: a town asks for a sponsorship with the public
// form (no credentials: the sender is the applicant), the alliance office reviews it and matches a sponsor in the
// inbox, and the office's report counts the match.
import { expect } from '@esm-bundle/chai';
import type { CfSubmittedEvent } from '../events/submitted.js';
import { loadModule, mountForm } from '../test-support/fixtures.js';
import { fillAndSend, listedProgram, openCaseInInbox, readReport, sendEventInInbox, shownState, signInToInbox, tokenOf, walk } from './person.js';

const PROGRAM = 'zukunftsbuendnis';

describe('Zukunftsbündnis end to end: sponsorship request → inbox → report', function () {
  this.timeout(180_000);
  afterEach(() => document.querySelectorAll('cf-form, cf-case-inbox, cf-program-report').forEach((e) => e.remove()));

  it('a town asks for a sponsorship, the office reviews it and matches a sponsor, and the report counts it', async () => {
    const listed = await listedProgram(PROGRAM);
    expect(listed.submissionForms).to.include('sponsorship');
    const office = await tokenOf(`${PROGRAM}:office`);
    const before = await readReport(PROGRAM, office);

    const sponsorship = await walk(PROGRAM, 'workflow-sponsorship.json');
    const request = sponsorship.steps.find((s) => s.send === 'REQUEST_SPONSORSHIP')!;
    const form = await mountForm(await loadModule(PROGRAM), {
      form: 'sponsorship',
      locale: 'de',
      action: `/v1/programs/${PROGRAM}/versions/${listed.version}/submissions?form=sponsorship`,
    });
    let receipt: { caseId: string; reference: string } | undefined;
    form.addEventListener('cf-submitted', (e) => (receipt = (e as CfSubmittedEvent).detail.response as typeof receipt));
    await fillAndSend(form, request.data!, () => form.shadowRoot!.querySelector('.confirmation .reference'));
    const reference = form.shadowRoot!.querySelector('.confirmation .reference')!.textContent!.trim();
    expect(reference).to.match(/^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt?.reference).to.equal(reference);
    form.remove();

    // The office's steps of the walk that are not refused. The walk's detour (the office asks back, the town answers)
    // is left out: the town's answer is an applicant's step, and the applicant has no inbox.
    const steps = sponsorship.steps.filter((s) => s.as === 'office' && !s.refused && s.send !== 'ASK_FOR_INFORMATION');
    expect(steps.map((s) => s.send)).to.deep.equal(['START_REVIEW', 'MATCH']);
    const titles: Record<string, string> = { review: 'In Prüfung', matched: 'Patenschaft vermittelt' };
    let state = 'requested';
    for (const step of steps) {
      const inbox = await signInToInbox(office);
      await openCaseInInbox(inbox, PROGRAM, state, receipt!.caseId);
      await sendEventInInbox(inbox, step.send, step.data);
      state = step.expect!;
      expect(shownState(inbox)).to.equal(`Aktueller Stand: ${titles[state]}`);
      inbox.remove();
    }
    const stored = await (await fetch(`/v1/cases/${receipt!.caseId}`, { headers: { Authorization: `Bearer ${office}` } })).json();
    expect([stored.state, stored.data.project.title, stored.data.sponsor]).to.deep.equal(['matched', 'Quartierstreff Neue Schule', 'Architektenkammer Hessen']);

    const after = await readReport(PROGRAM, office);
    expect(after.states.get('Patenschaft vermittelt')).to.equal((before.states.get('Patenschaft vermittelt') ?? 0) + 1);
    expect(after.outcomes.get('Patenschaft vermittelt')).to.equal((before.outcomes.get('Patenschaft vermittelt') ?? 0) + 1);
  });
});
