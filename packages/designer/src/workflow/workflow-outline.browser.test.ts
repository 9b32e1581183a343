import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfProgramDesigner } from '../designer/program-designer.js';
import type { CfWorkflowOutline } from './workflow-outline.js';
import type { CfWorkflowView } from './workflow-view.js';
import { axeViolations } from '@civicflow/test-support/browser';
import { deepActive, exampleText, loadBundle, mountDesigner as mount } from '../test-support/designer-page.js';
import { announced, removeDesigners, settle, tabTo } from '../test-support/keyboard.js';

const outlineOf = (el: CfProgramDesigner) => el.shadowRoot!.querySelector<CfWorkflowOutline>('cf-workflow-outline')!;
const viewOf = (el: CfProgramDesigner) => el.shadowRoot!.querySelector<CfWorkflowView>('cf-workflow-view')!;

type Wf = { workflow: { states: Record<string, { final?: boolean; after?: unknown[]; on?: Record<string, unknown> }>; events: Record<string, { form?: string; roles: string[] }> } };
const definition = (el: CfProgramDesigner) => JSON.parse(el.workingText!) as Wf;

afterEach(removeDesigners);

describe('cf-workflow-outline, the workflow editor', function () {
  this.timeout(300_000);
  before(loadBundle);

  it('by keyboard alone: adds a state, an event with a form and a role, a transition with a guard and a timer; the diagram shows the new state', async () => {
    const el = await mount(await exampleText('zweite-chance'), 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, 'view-workflow');
    await sendKeys({ press: 'Enter' });
    await settle(el);

    // A state: its title, Enter; it opens, and the diagram selects it.
    await tabTo(el, 'wfo-new-state');
    await sendKeys({ type: 'Referred elsewhere' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(definition(el).workflow.states.referredElsewhere).to.deep.equal({});
    expect(announced(el)).to.contain('Referred elsewhere');
    expect(deepActive()!.id).to.equal('wfo-s-referredElsewhere');
    expect(deepActive()!.getAttribute('aria-expanded')).to.equal('true');
    expect(viewOf(el).shadowRoot!.querySelector('[data-state="referredElsewhere"]')).to.not.equal(null);
    expect(viewOf(el).selected).to.equal('referredElsewhere');
    // Nothing leads there yet: the outline says so at the state.
    await new Promise((r) => setTimeout(r, 1500));
    await settle(el);
    const stateItem = outlineOf(el).shadowRoot!.querySelector('li.state[data-state="referredElsewhere"]')!;
    expect(stateItem.classList.contains('problem')).to.equal(true);
    await tabTo(el, 'wfo-s-referredElsewhere-final');
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(definition(el).workflow.states.referredElsewhere).to.deep.equal({ final: true });

    // An event with a form and a role.
    await tabTo(el, 'wfo-new-event');
    await sendKeys({ type: 'Refer' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()!.id).to.equal('wfo-new-event-form');
    await sendKeys({ press: 'ArrowDown' });
    const form = (deepActive() as HTMLSelectElement).value;
    expect(form).to.not.equal('');
    await tabTo(el, 'wfo-new-event-role-coach');
    await sendKeys({ press: 'Space' });
    await tabTo(el, 'wfo-add-event');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(definition(el).workflow.events.REFER).to.deep.equal({ form, roles: ['coach'] });

    // Coaching takes it and leads to the new state.
    await (deepActive() as HTMLElement).blur();
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, 'wfo-s-coaching');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(viewOf(el).selected).to.equal('coaching');
    await tabTo(el, 'wfo-add-t-coaching-event');
    await sendKeys({ press: 'End' });
    expect((deepActive() as HTMLSelectElement).value).to.equal('REFER');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'End' });
    expect((deepActive() as HTMLSelectElement).value).to.equal('referredElsewhere');
    await tabTo(el, 'wfo-add-t-coaching');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(definition(el).workflow.states.coaching!.on!.REFER).to.deep.equal({ target: 'referredElsewhere' });

    // A guard: a rule on the event's data.
    await tabTo(el, 'wfo-t-coaching-REFER-0-gevent-add');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const guard = (definition(el).workflow.states.coaching!.on!.REFER as { guard?: { properties: { event: { required: string[] } } } }).guard;
    expect(guard?.properties.event.required).to.have.length(1);

    // A timer: two weeks by default, then eight.
    await tabTo(el, 'wfo-s-coaching-timers-add');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('wfo-s-coaching-timers-0-amount');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: '8' });
    await sendKeys({ press: 'Tab' });
    await settle(el);
    expect((definition(el).workflow.states.coaching!.after as { duration: string }[])[0]!.duration).to.equal('P8W');

    // The diagram draws the new state with an arrow into it; the program has no problems left.
    await new Promise((r) => setTimeout(r, 1500));
    await settle(el);
    const box = viewOf(el).shadowRoot!.querySelector('[data-state="referredElsewhere"]')!;
    expect(box.getAttribute('aria-label')).to.contain('Referred elsewhere');
    expect(el.problems.map((p) => p.code)).to.deep.equal([]);
    expect(await axeViolations(el, 'designer workflow outline')).to.deep.equal([]);
  });

  it('selects in the outline what is selected in the diagram, and shows a refusal where the edit was made, in German', async () => {
    const el = await mount(await exampleText('zweite-chance'), 'de');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#view-workflow')!.click();
    await settle(el);
    const state = viewOf(el).shadowRoot!.querySelector<SVGGElement>('[data-state="followUp"]')!;
    state.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle(el);
    const root = outlineOf(el).shadowRoot!;
    expect(root.querySelector('#wfo-s-followUp')!.getAttribute('aria-expanded')).to.equal('true');
    // The timer the applicant is told the date of cannot go.
    root.querySelector<HTMLButtonElement>('#wfo-s-followUp-timers-0-remove')!.click();
    await settle(el);
    const alert = root.querySelector('.timer [role="alert"]')!;
    expect(alert.textContent).to.contain('Datum dieser Frist');
    expect(definition(el).workflow.states.followUp!.after).to.have.length(1);
    expect(await axeViolations(el, 'designer workflow outline, German')).to.deep.equal([]);
  });
});
