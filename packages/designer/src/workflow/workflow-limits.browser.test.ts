import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfProgramDesigner } from '../designer/program-designer.js';
import type { CfWorkflowOutline } from './workflow-outline.js';
import { axeViolations } from '@civicflow/test-support/browser';
import { deepActive, exampleText, loadBundle, mountDesigner as mount } from '../test-support/designer-page.js';
import { announced, removeDesigners, settle, tabTo } from '../test-support/keyboard.js';

const outlineOf = (el: CfProgramDesigner) => el.shadowRoot!.querySelector<CfWorkflowOutline>('cf-workflow-outline')!;

async function selectAllAndType(text: string): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
  await sendKeys({ type: text });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read the edited JSON by path
const definition = (el: CfProgramDesigner) => JSON.parse(el.workingText!) as Record<string, any>;

afterEach(removeDesigners);

describe('cf-workflow-outline: keys, periods, places and budgets', function () {
  this.timeout(300_000);
  before(loadBundle);

  it('by keyboard alone: renames a state everywhere, adds places and lets a transition take one', async () => {
    const el = await mount(await exampleText('zukunftsbuendnis'), 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, 'view-workflow');
    await sendKeys({ press: 'Enter' });
    await settle(el);

    // Rename the waiting state: the waiting list, the transitions and the texts follow, in one step.
    await tabTo(el, 'wfo-s-waiting');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await tabTo(el, 'wfo-s-waiting-key');
    await selectAllAndType('onWaitingList');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const d = definition(el);
    expect(d.workflow.states.waiting).to.equal(undefined);
    expect(d.workflow.places.congress.waitingList.state).to.equal('onWaitingList');
    expect(d.workflow.states.new.on.REGISTER[1].target).to.equal('onWaitingList');
    expect(d.texts.en['workflow.states.onWaitingList.title']).to.be.a('string');
    expect(deepActive()!.id).to.equal('wfo-s-onWaitingList-key');
    expect(announced(el)).to.contain('onWaitingList');
    expect(announced(el)).to.contain('Saved test walks still name waiting');

    // A key that is taken is refused where it was typed, and nothing changes.
    await selectAllAndType('registered');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(outlineOf(el).shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('registered');
    expect(definition(el).workflow.states.onWaitingList).to.not.equal(undefined);

    // Places for the workshops, held while a sponsorship is matched.
    await tabTo(el, 'wfo-new-places');
    await sendKeys({ type: 'Mentoring places' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()!.id).to.equal('wfo-new-places-count');
    await selectAllAndType('25');
    await tabTo(el, 'wfo-new-places-held-matched');
    await sendKeys({ press: 'Space' });
    await tabTo(el, 'wfo-add-places');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(definition(el).workflow.places.mentoringPlaces).to.deep.equal({ count: 25, heldIn: ['matched'] });
    expect(deepActive()!.id).to.equal('wfo-l-mentoringPlaces');

    // The review's MATCH takes one: "only while one of the places is free".
    await tabTo(el, 'wfo-s-review');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    // Tab reaches the checked choice ("no limit"); only the places the target holds are offered, so the next is ours.
    await tabTo(el, 'wfo-t-review-MATCH-0-limit-none');
    const offered = [...outlineOf(el).shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="wfo-t-review-MATCH-0-limit"]')].map((r) => r.value);
    expect(offered).to.deep.equal(['', 'places:mentoringPlaces']);
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(definition(el).workflow.states.review.on.MATCH.takesPlace).to.equal('mentoringPlaces');
    // The actions are said in words, not shown as JSON.
    const actions = outlineOf(el).shadowRoot!.querySelector('[data-event="MATCH"] .actions')!.textContent!;
    expect(actions).to.contain("copies the event's data into the case");
    expect(actions).to.not.contain('merge');
    await new Promise((r) => setTimeout(r, 1500));
    await settle(el);
    expect(el.problems.map((p) => p.code)).to.deep.equal([]);
    expect(await axeViolations(el, 'designer workflow outline with places')).to.deep.equal([]);

    // One undo (Ctrl+Z, outside a text box) takes the limit back.
    (deepActive() as HTMLElement).focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    await settle(el);
    expect(announced(el)).to.contain('Only while');
    expect(definition(el).workflow.states.review.on.MATCH.takesPlace).to.equal(undefined);
  });

  it('adds a period the registration form accepts submissions in, and names events by their titles in its problems, in German', async () => {
    const text = JSON.parse(await exampleText('zweite-chance'));
    text.workflow.events.RESUME.roles = [];
    const el = await mount(JSON.stringify(text, null, 2), 'de');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#view-workflow')!.click();
    await new Promise((r) => setTimeout(r, 1500));
    await settle(el);
    const root = outlineOf(el).shadowRoot!;
    const title = text.texts.de['workflow.events.RESUME.title'] as string;
    const problems = [...root.querySelectorAll('.problems li')].map((li) => li.textContent!);
    const noSender = problems.find((p) => p.includes('Niemand') || p.includes('niemand'));
    expect(noSender, problems.join(' | ')).to.contain(`„${title}“`);
    expect(noSender).to.not.contain('RESUME');

    const set = (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
    };
    set('wfo-new-period', 'Aufnahme Frühjahr');
    set('wfo-new-period-start-date', '2027-03-01');
    set('wfo-new-period-end-date', '2027-02-01');
    set('wfo-new-period-instead', 'Die nächste Aufnahme beginnt im März.');
    root.querySelector<HTMLButtonElement>('#wfo-add-period')!.click();
    await settle(el);
    expect(root.querySelector('.periods [role="alert"]')!.textContent).to.contain('das Ende liegt nach dem Beginn');
    expect(definition(el).periods).to.equal(undefined);
    set('wfo-new-period-end-date', '2027-06-01');
    root.querySelector<HTMLButtonElement>('#wfo-add-period')!.click();
    await settle(el);
    expect(definition(el).periods).to.deep.equal({ aufnahmeFruehjahr: { start: '2027-03-01T00:00', end: '2027-06-01T00:00' } });
    root.querySelector<HTMLElement>('.submissions summary')!.click();
    await settle(el);
    root.querySelector<HTMLInputElement>('#wfo-sub-intake-aufnahmeFruehjahr')!.click();
    await settle(el);
    expect(definition(el).forms.intake.submissions).to.deep.equal({ periods: ['aufnahmeFruehjahr'] });
    // Now the period is needed: removing it is refused, in words that name the form.
    root.querySelector<HTMLElement>('#wfo-p-aufnahmeFruehjahr')!.click();
    await settle(el);
    root.querySelector<HTMLButtonElement>('#wfo-p-aufnahmeFruehjahr-remove')!.click();
    await settle(el);
    expect(root.querySelector('.period [role="alert"]')!.textContent).to.contain('wird noch gebraucht');
    expect(await axeViolations(el, 'designer workflow outline with a period, German')).to.deep.equal([]);
  });

  it('renames a role by keyboard in the table of who may do what: every event and list follows', async () => {
    const el = await mount(await exampleText('zukunftsbuendnis'), 'en');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#view-workflow')!.click();
    await settle(el);
    const table = el.shadowRoot!.querySelector('cf-roles-table')!;
    table.shadowRoot!.querySelector<HTMLButtonElement>('#roles-toggle')!.click();
    await (table as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const key = table.shadowRoot!.querySelector<HTMLInputElement>('fieldset[data-role="office"] input.key')!;
    key.focus();
    await selectAllAndType('secretariat');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await (table as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const d = definition(el);
    expect(d.workflow.roles).to.deep.equal(['applicant', 'secretariat']);
    expect(d.forms.registration.submissions.exemptRoles).to.deep.equal(['secretariat']);
    expect(JSON.stringify(d.workflow.events)).to.not.contain('"office"');
    expect(announced(el)).to.contain('secretariat');
    expect(table.shadowRoot!.querySelector('fieldset[data-role="secretariat"] input.key')).to.not.equal(null);
    // A taken name is refused and the box shows the name it has.
    const again = table.shadowRoot!.querySelector<HTMLInputElement>('fieldset[data-role="secretariat"] input.key')!;
    again.focus();
    await selectAllAndType('applicant');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await (table as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(table.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('applicant');
    expect(definition(el).workflow.roles).to.deep.equal(['applicant', 'secretariat']);
    expect(await axeViolations(el, 'designer roles table with internal names')).to.deep.equal([]);
  });
});
