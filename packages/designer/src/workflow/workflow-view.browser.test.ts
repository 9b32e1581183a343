import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfProgramDesigner } from '../designer/program-designer.js';
import type { CfWorkflowView } from './workflow-view.js';
import { axeViolations } from '@civicflow/test-support/browser';
import { exampleText, loadBundle, mountDesigner as mount } from '../test-support/designer-page.js';
import { removeDesigners, settle, tabTo } from '../test-support/keyboard.js';

const view = (el: CfProgramDesigner) => el.shadowRoot!.querySelector<CfWorkflowView>('cf-workflow-view')!;

/** Opens the workflow view by keyboard. */
async function openWorkflow(el: CfProgramDesigner): Promise<CfWorkflowView> {
  (document.activeElement as HTMLElement | null)?.blur();
  await tabTo(el, (e) => e.id === 'view-workflow');
  await sendKeys({ press: 'Enter' });
  await settle(el);
  expect(el.shadowRoot!.querySelector('#view-workflow')!.getAttribute('aria-pressed')).to.equal('true');
  return view(el);
}

afterEach(removeDesigners);

describe('cf-program-designer, the workflow view', function () {
  this.timeout(120_000);
  before(loadBundle);

  it('by keyboard: selects a state and shows its events and timers in words; pans and zooms with arrows, + / - and 0', async () => {
    const el = await mount(await exampleText('gemeinsam-fuer-hagen'), 'en');
    const wf = await openWorkflow(el);
    const root = wf.shadowRoot!;
    const states = [...root.querySelectorAll('g.state')];
    // Nine states and "any open state", each a focusable button.
    expect(states.length).to.equal(10);
    for (const s of states) {
      expect(s.getAttribute('role')).to.equal('button');
      expect(s.getAttribute('tabindex')).to.equal('0');
    }
    expect(root.querySelector('g.state[data-state="contact"]')!.getAttribute('aria-label')).to.equal('First contact, Initial state');
    // The whole diagram fits the view's width: nothing scrolls sideways.
    const svg = root.querySelector('svg')!;
    expect(svg.getBoundingClientRect().width).to.be.at.most(root.querySelector('.viewport')!.getBoundingClientRect().width + 0.5);
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);

    // Tab to "First contact" and select it with Enter: its events and its timer, in words.
    await tabTo(el, (e) => e.getAttribute('data-state') === 'contact');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(wf.selected).to.equal('contact');
    const panel = root.querySelector('.panel')!.textContent!.replace(/\s+/g, ' ');
    expect(panel).to.contain('First contact');
    expect(panel).to.contain('after 8 weeks: ');
    expect(panel).to.contain('leads to “First contact only”');
    expect(panel).to.contain('Comes by itself when the time is up.');
    expect(panel).to.contain('May be sent by:');
    expect(panel).not.to.match(/P8W|NO_RETURN/);

    // Zoom in with +, pan right with the arrow key, and show all again with 0.
    const before = wf.view;
    await sendKeys({ press: '+' });
    await settle(el);
    expect(wf.zoom).to.be.closeTo(1.25, 1e-9);
    expect(svg.getAttribute('viewBox')).not.to.equal(before);
    const zoomed = svg.getAttribute('viewBox')!.split(' ').map(Number);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    const panned = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(panned[0]).to.be.greaterThan(zoomed[0]!);
    expect(panned[2]).to.equal(zoomed[2]);
    await sendKeys({ press: '-' });
    await settle(el);
    expect(wf.zoom).to.equal(1);
    await sendKeys({ press: '+' });
    await sendKeys({ press: '0' });
    await settle(el);
    expect(wf.zoom).to.equal(1);
    expect(svg.getAttribute('viewBox')).to.equal(before);

    // Ctrl and the mouse wheel zoom as well; the wheel alone leaves the diagram as it is (it scrolls the page).
    svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true }));
    await settle(el);
    expect(wf.zoom).to.equal(1);
    svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true }));
    await settle(el);
    expect(wf.zoom).to.be.greaterThan(1);

    // The text alternative names every state and where its transitions lead; at this width it starts folded.
    expect(root.querySelector<HTMLDetailsElement>('details.as-text')!.open).to.equal(false);
    const asText = root.querySelector('details.as-text')!.textContent!.replace(/\s+/g, ' ');
    for (const title of ['First contact', 'In advice', 'Outcome achieved', 'Follow-up due', 'Closed']) expect(asText).to.contain(title);
    expect(asText).to.contain('after 8 weeks: ');
    expect(await axeViolations(el, 'designer workflow view')).to.deep.equal([]);
  });

  it('marks the workflow problems loadProgram reports on the states they point at, in German', async () => {
    const program = JSON.parse(await exampleText('gemeinsam-fuer-hagen')) as { workflow: { states: Record<string, { on?: Record<string, { target?: string }> }> } };
    program.workflow.states['contact']!.on!['START_ADVICE']!.target = 'beratung';
    const el = await mount(JSON.stringify(program, null, 2), 'de');
    const wf = await openWorkflow(el);
    const root = wf.shadowRoot!;
    const pointers = el.problems.map((p) => p.pointer);
    expect(pointers).to.include('/workflow/states/contact/on/START_ADVICE/target');
    const contact = root.querySelector('g.state[data-state="contact"]')!;
    expect(contact.classList.contains('problem')).to.equal(true);
    expect(contact.getAttribute('aria-label')).to.match(/^Erstkontakt, Startzustand, \d+ Probleme?$/);
    // "In Beratung" is no longer reached from the start: marked too. A state without a problem is not.
    expect(root.querySelector('g.state[data-state="advice"]')!.classList.contains('problem')).to.equal(true);
    expect(root.querySelector('g.state[data-state="closed"]')!.classList.contains('problem')).to.equal(false);
    await (async () => {
      (contact as SVGGElement).focus();
      await sendKeys({ press: 'Space' });
      await settle(el);
    })();
    const panel = root.querySelector('.panel')!.textContent!.replace(/\s+/g, ' ');
    const message = el.problems.find((p) => p.pointer === '/workflow/states/contact/on/START_ADVICE/target')!.message;
    expect(panel).to.contain(message);
    expect(panel).to.contain('nach 8 Wochen: ');
    expect(await axeViolations(el, 'designer workflow view with problems')).to.deep.equal([]);
  });

  it('opens the diagram as text on a screen too narrow to read the whole diagram', async () => {
    const el = await mount(await exampleText('zweite-chance'), 'en');
    el.style.display = 'block';
    el.style.width = '320px';
    const wf = await openWorkflow(el);
    expect(wf.shadowRoot!.querySelector<HTMLDetailsElement>('details.as-text')!.open).to.equal(true);
  });

  it('draws each of the four examples with no two boxes overlapping on screen', async () => {
    for (const name of ['gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis', 'zweite-chance']) {
      const el = await mount(await exampleText(name), 'de');
      el.shadowRoot!.querySelector<HTMLButtonElement>('#view-workflow')!.click();
      await settle(el);
      const root = view(el).shadowRoot!;
      const boxes = [...root.querySelectorAll('g.state > rect.box, g.edge-label > rect')].map((r) => r.getBoundingClientRect());
      expect(boxes.length, name).to.be.greaterThan(8);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
          expect(apart, `${name}: boxes ${i} and ${j}`).to.equal(true);
        }
      }
      // Every state's and label's text stays inside its box.
      for (const g of root.querySelectorAll('g.state, g.edge-label')) {
        const box = g.querySelector('rect')!.getBoundingClientRect();
        const text = g.querySelector('text')!.getBoundingClientRect();
        expect(text.left >= box.left && text.right <= box.right, `${name}: ${g.textContent}`).to.equal(true);
      }
      el.remove();
    }
  });
});
