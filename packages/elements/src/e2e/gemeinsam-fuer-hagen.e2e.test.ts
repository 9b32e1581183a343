// Gemeinsam für Hagen end to end in Chromium against the real server. Its cases open with the first-contact form,
// which only an advisor may send (workflow.open.roles), so the advisor fills it in in the widget, signed in with
// the widget's request headers; then advises, records a language course and a job, and closes the case in the
// inbox; the coordinator's report counts the closed case and both outcomes.
import { expect } from '@esm-bundle/chai';
import type { CfSubmittedEvent } from '../events/submitted.js';
import { loadModule, mountForm } from '../test-support/fixtures.js';
import { fillAndSend, listedProgram, openCaseInInbox, readReport, sendEventInInbox, shownState, signInToInbox, tokenOf, walk } from './person.js';

const PROGRAM = 'gemeinsam-fuer-hagen';

describe('Gemeinsam für Hagen end to end: first contact → inbox → report', function () {
  this.timeout(180_000);
  afterEach(() => document.querySelectorAll('cf-form, cf-case-inbox, cf-program-report').forEach((e) => e.remove()));

  it('an advisor records a walk-in, advises, records two outcomes and closes the case, and the report counts it', async () => {
    const listed = await listedProgram(PROGRAM);
    expect(listed.submissionForms).to.deep.equal(['contact']);
    const advisor = await tokenOf(`${PROGRAM}:advisor`);
    const coordinator = await tokenOf(`${PROGRAM}:coordinator`);
    const before = await readReport(PROGRAM, coordinator);

    const happy = await walk(PROGRAM, 'workflow-happy-path.json');
    const form = await mountForm(
      await loadModule(PROGRAM),
      { form: 'contact', locale: 'de', action: `/v1/programs/${PROGRAM}/versions/${listed.version}/submissions?form=contact` },
      { headers: { Authorization: `Bearer ${advisor}` } },
    );
    let receipt: { caseId: string; reference: string } | undefined;
    form.addEventListener('cf-submitted', (e) => (receipt = (e as CfSubmittedEvent).detail.response as typeof receipt));
    await fillAndSend(form, happy.open.data!, () => form.shadowRoot!.querySelector('.confirmation .reference'));
    const reference = form.shadowRoot!.querySelector('.confirmation .reference')!.textContent!.trim();
    expect(reference).to.match(/^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt?.reference).to.equal(reference);
    form.remove();

    const titles: Record<string, string> = { contact: 'Erstkontakt', advice: 'In Beratung', achieved: 'Ergebnis erreicht', closed: 'Abgeschlossen' };
    let state = 'contact';
    for (const step of happy.steps) {
      const inbox = await signInToInbox(await tokenOf(`${PROGRAM}:${happy.actors[step.as]!.roles[0]}`));
      await openCaseInInbox(inbox, PROGRAM, state, receipt!.caseId);
      await sendEventInInbox(inbox, step.send, step.data);
      state = step.expect!;
      expect(shownState(inbox)).to.equal(`Aktueller Stand: ${titles[state]}`);
      inbox.remove();
    }
    expect(state).to.equal('closed');
    const stored = await (await fetch(`/v1/cases/${receipt!.caseId}`, { headers: { Authorization: `Bearer ${coordinator}` } })).json();
    expect([stored.state, stored.data.givenName, stored.data.concern]).to.deep.equal(['closed', 'Amina', ['job', 'language']]);

    const after = await readReport(PROGRAM, coordinator);
    expect(after.states.get('Abgeschlossen')).to.equal((before.states.get('Abgeschlossen') ?? 0) + 1);
    for (const series of ['Neue Fälle', 'Sprachkurs', 'Sozialversicherungspflichtige Beschäftigung']) {
      expect(after.outcomes.get(series), series).to.equal((before.outcomes.get(series) ?? 0) + 1);
    }
  });
});
