// Participant monitoring end to end in Chromium against the real server: an advisor records a participant's entry
// and exit questionnaires in the inbox, which first lists the participant as lacking data; then the monitoring, the
// pseudonymised export and the coordinator's report count them. The follow-up falls due six months after leaving on the
// server's own clock, which a browser test cannot move; the walk examples/gemeinsam-fuer-hagen/cases/
// workflow-participant-monitoring.json records it on the workflow, and the server tests count it.
import { expect } from '@esm-bundle/chai';
import type { CfProgramReport } from '../program-report/program-report.js';
import '../program-report/define.js';
import { openCaseInInbox, sendEventInInbox, shownState, signInToInbox, tokenOf, walk } from './person.js';

const PROGRAM = 'gemeinsam-fuer-hagen';

interface Summary {
  participants: number;
  indicators: { id: string; counts: { date: string; women: number; total: number }[] }[];
}

describe('Gemeinsam für Hagen monitoring end to end: entry and exit in the inbox → monitoring, export and report', function () {
  this.timeout(180_000);
  afterEach(() => document.querySelectorAll('cf-case-inbox, cf-program-report').forEach((e) => e.remove()));

  it('an advisor records entry and exit; the inbox shows what is missing until then; the figures and the export count the participant', async () => {
    const advisor = await tokenOf(`${PROGRAM}:advisor`);
    const coordinator = await tokenOf(`${PROGRAM}:coordinator`);
    const today = new Date().toISOString().slice(0, 10);
    const summary = async (): Promise<Summary> => (await fetch(`/v1/programs/${PROGRAM}/monitoring?date=${today}`, { headers: { Authorization: `Bearer ${coordinator}` } })).json() as Promise<Summary>;
    const total = (s: Summary, id: string) => s.indicators.find((i) => i.id === id)!.counts[0]!;
    // The test runner's dev server keeps answers to a path ending in .csv: each read asks under a query of its own.
    const exported = async () => {
      const res = await fetch(`/v1/programs/${PROGRAM}/monitoring/participants.csv?read=${crypto.randomUUID()}`, { headers: { Authorization: `Bearer ${advisor}` } });
      const text = await res.text();
      expect(res.status, text).to.equal(200);
      return text.split(/\r?\n/).filter((l) => l !== '').length;
    };
    const before = await summary();
    const rowsBefore = await exported();

    // A person of her own, so that no earlier run makes her a re-entry.
    const walked = await walk(PROGRAM, 'workflow-participant-monitoring.json');
    const who = crypto.randomUUID().slice(0, 8);
    const opened = await fetch(`/v1/programs/${PROGRAM}/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${advisor}`, 'Idempotency-Key': `e2e-${who}` },
      body: JSON.stringify({ ...walked.open.data, contactDate: today, givenName: `Leyla ${who}` }),
    });
    expect(opened.status).to.equal(201);
    const { caseId } = (await opened.json()) as { caseId: string };

    const data = (send: string) => walked.steps.find((s) => s.send === send)!.data as Record<string, unknown>;
    const inbox = await signInToInbox(advisor);
    await openCaseInInbox(inbox, PROGRAM, 'contact', caseId);
    await sendEventInInbox(inbox, 'START_ADVICE', { ...data('START_ADVICE'), sessionDate: today });
    // The paper questionnaire came back without the education: recorded as far as it goes.
    const { education: _left, ...partial }: Record<string, unknown> = { ...data('RECORD_ENTRY'), entryDate: today, familyName: `Demir ${who}` };
    await sendEventInInbox(inbox, 'RECORD_ENTRY', partial);
    inbox.remove();

    const list = await signInToInbox(advisor);
    const $ = <T extends Element>(sel: string) => list.shadowRoot!.querySelector<T>(sel);
    const until = <T>(find: () => T | null | undefined, what: string) =>
      new Promise<T>((resolve, reject) => {
        const started = Date.now();
        const look = () => {
          const found = find();
          if (found) resolve(found);
          else if (Date.now() - started > 15_000) reject(new Error(`never: ${what}`));
          else setTimeout(look, 100);
        };
        look();
      });
    const program = $<HTMLSelectElement>('select[name="program"]')!;
    program.value = PROGRAM;
    program.dispatchEvent(new Event('change', { bubbles: true }));
    $<HTMLButtonElement>('form[part="filter"] button[type="submit"]')!.click();
    const countable = await until(() => $<HTMLSelectElement>('select[name="countable"]'), 'the countable filter of a monitored program');
    countable.value = 'no';
    $<HTMLButtonElement>('form[part="filter"] button[type="submit"]')!.click();
    const row = await until(() => $(`tr[data-case="${caseId}"]`), 'the participant listed as lacking data');
    expect(row.querySelector('td.countable')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('noch nicht: es fehlt: Höchster Bildungsabschluss');
    list.remove();

    const again = await signInToInbox(advisor);
    await openCaseInInbox(again, PROGRAM, 'advice', caseId);
    await sendEventInInbox(again, 'RECORD_ENTRY', { ...data('RECORD_ENTRY'), entryDate: today, familyName: `Demir ${who}` });
    await sendEventInInbox(again, 'CLOSE', data('CLOSE'));
    expect(shownState(again)).to.equal('Aktueller Stand: Ausgetreten, Austrittsfragebogen offen');
    await sendEventInInbox(again, 'RECORD_EXIT', { ...data('RECORD_EXIT'), leftOn: today });
    expect(shownState(again)).to.equal('Aktueller Stand: Ausgetreten, Nachbefragung in sechs Monaten');
    again.remove();

    const after = await summary();
    expect(after.participants).to.equal(before.participants + 1);
    for (const id of ['participants', 'longTermUnemployed', 'educationOnLeaving', 'jobSearchingOnLeaving', 'languageCourseOnLeaving']) {
      expect(total(after, id).women, id).to.equal(total(before, id).women + 1);
    }
    expect(await exported()).to.equal(rowsBefore + 1);

    const report = document.createElement('cf-program-report') as CfProgramReport;
    report.program = PROGRAM;
    report.setAttribute('locale', 'de');
    report.token = coordinator;
    document.body.append(report);
    const figure = await new Promise<Element>((resolve, reject) => {
      const started = Date.now();
      const look = () => {
        const found = report.shadowRoot?.querySelector('[part~="monitoring"]');
        if (found) resolve(found);
        else if (Date.now() - started > 20_000) reject(new Error('the report shows no monitoring'));
        else setTimeout(look, 100);
      };
      look();
    });
    const line = [...figure.querySelectorAll('tbody tr[data-indicator="languageCourseOnLeaving"]')].pop()!;
    const cells = [...line.children].map((c) => c.textContent!.trim());
    expect(Number(cells[2]!.replace(/\D/g, ''))).to.equal(total(after, 'languageCourseOnLeaving').women);
  });
});
