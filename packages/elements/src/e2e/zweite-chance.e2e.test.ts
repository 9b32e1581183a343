// Zweite Chance end to end in Chromium against the real server: a person signs up with the intake widget as the
// municipal site (examples/site) embeds it, the coach and the job centre take the case through coaching into a job
// in the caseworker inbox; six months later the server's scheduler closes it, the inbox shows it closed and the
// program report counts it.
import { expect } from '@esm-bundle/chai';
import type { CfForm } from '../form/form.js';
import type { CfSubmittedEvent } from '../events/submitted.js';
import { exampleData } from '../test-support/api.js';
import { loadModule, mountForm, waitFor } from '../test-support/fixtures.js';
import { fillAndSend, openCaseInInbox, readReport, sendEventInInbox, shownState, signInToInbox, tokenOf, walk } from './person.js';

const PROGRAM = 'zweite-chance';

/** The attributes of the site's `<cf-form>` (all but `src`: the validators come from the browser fixtures here). */
async function siteWidgetAttributes(): Promise<Record<string, string>> {
  const html = await (await fetch('/examples/site/index.html')).text();
  const widget = new DOMParser().parseFromString(html, 'text/html').querySelector('cf-form');
  if (!widget) throw new Error('examples/site/index.html embeds no <cf-form>');
  return Object.fromEntries([...widget.attributes].filter((a) => a.name !== 'src').map((a) => [a.name, a.value]));
}

describe('Zweite Chance end to end: site intake → inbox → report', function () {
  this.timeout(180_000);
  afterEach(() => document.querySelectorAll('cf-form, cf-case-inbox, cf-program-report').forEach((e) => e.remove()));

  it('a person signs up on the site, caseworkers take the case into a job, six months later it closes, and the report counts it', async () => {
    const coach = await tokenOf('zweite-chance:coach');
    const before = await readReport(PROGRAM, coach);

    // The citizen: the site's widget, filled in control by control, sent without credentials.
    const attrs = await siteWidgetAttributes();
    expect(attrs['action']).to.contain('/v1/programs/zweite-chance/');
    localStorage.clear();
    const form: CfForm = await mountForm(await loadModule(PROGRAM), attrs);
    let receipt: { caseId: string; reference: string } | undefined;
    form.addEventListener('cf-submitted', (e) => (receipt = (e as CfSubmittedEvent).detail.response as typeof receipt));
    await fillAndSend(form, await exampleData(PROGRAM, 'valid-minimal.json'), () => form.shadowRoot!.querySelector('.confirmation .reference'));
    const reference = form.shadowRoot!.querySelector('.confirmation .reference')!.textContent!.trim();
    expect(reference).to.match(/^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt?.reference).to.equal(reference);
    // The confirmation offers the person a PDF of what they sent, to keep (issue 14).
    const saved: { href: string; download: string }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    };
    try {
      const copy = form.shadowRoot!.querySelector<HTMLButtonElement>('.confirmation button[part~="copy-button"]')!;
      expect(copy.textContent!.trim()).to.equal('Ihre Angaben als PDF herunterladen');
      copy.click();
      await waitFor(() => saved.length > 0, 'the PDF download', 15000);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved[0]!.download).to.equal(`${reference}.pdf`);
    const bytes = new Uint8Array(await (await fetch(saved[0]!.href)).arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).to.equal('%PDF-');
    form.remove();

    // The caseworkers: each step of the happy walk that a person sends, as the role the walk names.
    const happy = await walk(PROGRAM, 'workflow-happy-path.json');
    const steps = happy.steps.filter(
      (s) => ['AGREE_PLAN', 'PLACE', 'START_JOB', 'RECORD_FOLLOW_UP'].includes(s.send) || (s.send === 'START_MEASURE' && s.data?.['area'] === 'labourMarket'),
    );
    expect(steps.map((s) => s.send)).to.deep.equal(['AGREE_PLAN', 'START_MEASURE', 'PLACE', 'START_JOB', 'RECORD_FOLLOW_UP']);
    let state = 'profiling';
    for (const step of steps) {
      const inbox = await signInToInbox(await tokenOf(`${PROGRAM}:${happy.actors[step.as]!.roles[0]}`));
      await openCaseInInbox(inbox, PROGRAM, state, receipt!.caseId);
      expect(inbox.shadowRoot!.querySelector('#cf-case-title')!.textContent).to.contain(reference);
      await sendEventInInbox(inbox, step.send, step.data);
      state = step.expect!;
      const title = { coaching: 'Coaching', placement: 'Vermittlung', followUp: 'Nachbetreuung' }[state];
      expect(shownState(inbox)).to.equal(`Aktueller Stand: ${title}`);
      inbox.remove();
    }
    const inFollowUp = await (await fetch(`/v1/cases/${receipt!.caseId}`, { headers: { Authorization: `Bearer ${coach}` } })).json();
    expect([inFollowUp.state, inFollowUp.data.placement.employer, inFollowUp.data.plan.measures.length]).to.deep.equal(['followUp', 'Lager Nord GmbH', 3]);
    const sustained = inFollowUp.timers.find((x: { event: string }) => x.event === 'SUSTAINED');
    expect(sustained, JSON.stringify(inFollowUp.timers)).to.not.equal(undefined);

    // The end, "closed" (still in work after six months), comes only from the follow-up's six-month timer: no person
    // may send SUSTAINED. So the server's scheduler runs at a day before the timer is due, which leaves the case in
    // follow-up, and then at a day after, when it fires (scripts/wtr-api-server.mjs, /at/<instant>/scheduler).
    const runSchedulerAt = async (instant: number) => {
      const res = await fetch(`/at/${new Date(instant).toISOString()}/scheduler/${PROGRAM}`, { method: 'POST' });
      expect(res.status).to.equal(200);
    };
    const due = Date.parse(sustained.due);
    expect(due - Date.now()).to.be.greaterThan(150 * 86_400_000);
    await runSchedulerAt(due - 86_400_000);
    expect((await (await fetch(`/v1/cases/${receipt!.caseId}`, { headers: { Authorization: `Bearer ${coach}` } })).json()).state).to.equal('followUp');
    await runSchedulerAt(due + 86_400_000);
    const stored = await (await fetch(`/v1/cases/${receipt!.caseId}`, { headers: { Authorization: `Bearer ${coach}` } })).json();
    expect(stored.state).to.equal('closed');
    expect(stored.history[stored.history.length - 1]).to.include({ event: 'SUSTAINED', actor: 'system' });

    // The coach sees the case closed in the inbox, with nothing left to send.
    const inbox = await signInToInbox(coach);
    await openCaseInInbox(inbox, PROGRAM, 'closed', receipt!.caseId);
    expect(inbox.shadowRoot!.querySelector('#cf-case-title')!.textContent).to.contain(reference);
    expect(shownState(inbox)).to.equal('Aktueller Stand: Abgeschlossen');
    inbox.remove();

    const after = await readReport(PROGRAM, coach);
    expect(after.states.get('Abgeschlossen')).to.equal((before.states.get('Abgeschlossen') ?? 0) + 1);
    expect(after.states.get('Nachbetreuung') ?? 0).to.equal(before.states.get('Nachbetreuung') ?? 0);
    expect(after.outcomes.get('Nach sechs Monaten noch in Arbeit')).to.equal((before.outcomes.get('Nach sechs Monaten noch in Arbeit') ?? 0) + 1);
    expect(after.outcomes.get('In sozialversicherungspflichtige Arbeit vermittelt')).to.equal((before.outcomes.get('In sozialversicherungspflichtige Arbeit vermittelt') ?? 0) + 1);
    expect(after.outcomes.get('Arbeitsmarktnahe Maßnahme begonnen')).to.equal((before.outcomes.get('Arbeitsmarktnahe Maßnahme begonnen') ?? 0) + 1);
  });
});
