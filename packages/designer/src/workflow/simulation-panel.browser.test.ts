import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfProgramDesigner } from '../designer/program-designer.js';
import type { CfSimulationPanel } from './simulation-panel.js';
import type { CfWorkflowView } from './workflow-view.js';
import type { CfWalkSaveEvent } from '../events/simulation.js';
import { axeViolations } from '@civicflow/test-support/browser';
import { deepActive, exampleText, loadBundle, mountDesigner as mount } from '../test-support/designer-page.js';
import { removeDesigners, settle, tabTo } from '../test-support/keyboard.js';

const panel = (el: CfProgramDesigner) => el.shadowRoot!.querySelector<CfSimulationPanel>('cf-simulation-panel')!;
const view = (el: CfProgramDesigner) => el.shadowRoot!.querySelector<CfWorkflowView>('cf-workflow-view')!;
const text = (el: CfProgramDesigner, selector: string) => panel(el).shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function press(el: CfProgramDesigner, id: string): Promise<void> {
  await tabTo(el, (e) => e.id === id);
  await sendKeys({ press: 'Enter' });
  await settle(el);
}

afterEach(removeDesigners);

describe('cf-simulation-panel, trying the workflow', function () {
  this.timeout(240_000);
  before(loadBundle);

  it('by keyboard alone: opens a case with sample answers, fires its timer, undoes and redoes the jump, and saves the walk, which then passes', async () => {
    const el = await mount(await exampleText('gemeinsam-fuer-hagen'), 'de');
    const saves: CfWalkSaveEvent['detail'][] = [];
    el.addEventListener('cf-walk-save', (e) => saves.push(e.detail));
    (document.activeElement as HTMLElement | null)?.blur();
    await press(el, 'view-workflow');

    await press(el, 'sim-open-sample');
    expect(text(el, '#sim-state')).to.equal('Der Fall steht in „Erstkontakt“.');
    expect(view(el).selected).to.equal('contact');
    expect(deepActive()?.id).to.equal('sim-last');
    expect(text(el, '#sim-last')).to.contain('Nächster Zustand: „Erstkontakt“.');
    expect(text(el, '#sim-last')).to.contain('Gestartete Zeitgeber:');
    expect(text(el, '#sim-last')).to.match(/Eintrag im Verlauf: Nr\. 1, /);
    expect(text(el, '#sim-jump')).to.match(/^Zum nächsten Zeitgeber springen: /);

    await press(el, 'sim-jump');
    expect(text(el, '#sim-state')).to.equal('Der Fall steht in „Nur Erstkontakt“.');
    expect(view(el).selected).to.equal('contactOnly');
    expect(text(el, '#sim-last')).to.match(/^Uhr vorgestellt auf /);
    expect(text(el, '#sim-last')).to.contain('Nächster Zustand: „Nur Erstkontakt“.');
    expect(text(el, '#sim-last')).to.contain('durch Zeitgeber');

    await press(el, 'sim-undo');
    expect(text(el, '#sim-state')).to.equal('Der Fall steht in „Erstkontakt“.');
    expect(view(el).selected).to.equal('contact');
    await press(el, 'sim-jump');
    expect(view(el).selected).to.equal('contactOnly');

    // Nothing on screen is JSON, a code or an internal name.
    const shown = panel(el).shadowRoot!.textContent!;
    expect(shown).not.to.match(/[{}]|[A-Z]{3,}_[A-Z]{3,}|contactOnly|after:/);
    expect(await axeViolations(el, 'designer simulation')).to.deep.equal([]);

    await tabTo(el, (e) => e.id === 'sim-name');
    await sendKeys({ type: 'kein-wiederkommen' });
    await press(el, 'sim-save');
    expect(saves).to.have.length(1);
    expect(saves[0]!.name).to.equal('kein-wiederkommen');
    const walk = JSON.parse(saves[0]!.text) as { open: { as: string; expect: string; data: object }; steps: { fireDue?: boolean; expect?: string }[] };
    expect(walk.open.as).to.equal('advisor');
    expect(walk.open.expect).to.equal('contact');
    expect(walk.steps).to.have.length(1);
    expect(walk.steps[0]).to.include({ fireDue: true, expect: 'contactOnly' });

    // The host saved it and gives the walks back: it passes; a walk the program no longer does fails, with its step.
    const wrong = saves[0]!.text.replace('"expect":"contactOnly"', '"expect":"advice"');
    el.walks = [
      { name: 'kein-wiederkommen', text: saves[0]!.text },
      { name: 'falsch', text: wrong },
    ];
    await settle(el);
    await panel(el).walksChecked();
    await settle(el);
    expect(text(el, '#sim-walks-summary')).to.equal('1 von 2 Testfällen laufen durch.');
    const items = [...panel(el).shadowRoot!.querySelectorAll('#sim-walks li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items[0]).to.contain('kein-wiederkommen ✓ läuft durch');
    expect(items[1]).to.contain('falsch ✗ schlägt fehl');
    expect(items[1]).to.contain('Schritt 1 (fällige Zeitgeber): Erwartet war „In Beratung“, aber der Fall steht in „Nur Erstkontakt“.');

    // Saving under a taken name asks first.
    await press(el, 'sim-save');
    expect(saves).to.have.length(1);
    await press(el, 'sim-replace');
    expect(saves).to.have.length(2);
    expect(saves[1]!.replace).to.equal(true);
  });

  it('acts as another role, says the guard that held in words; a name that leaves the folder is refused before anything is sent', async () => {
    const el = await mount(await exampleText('zweite-chance'), 'en');
    const saves: unknown[] = [];
    el.addEventListener('cf-walk-save', (e) => saves.push(e.detail));
    (document.activeElement as HTMLElement | null)?.blur();
    await press(el, 'view-workflow');
    // The participant comes first among those who may open a case; the coach opens this one.
    await tabTo(el, (e) => e.id === 'sim-open-role');
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    await press(el, 'sim-open');
    expect(text(el, '#sim-state')).to.equal('The case is in “Case opened”.');
    expect((panel(el).shadowRoot!.querySelector('#sim-role') as HTMLSelectElement).value).to.equal('coach');
    await tabTo(el, (e) => e.getAttribute('data-event') === 'PAUSE');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await press(el, 'sim-send-sample');
    expect(text(el, '#sim-state')).to.equal('The case is in “Paused”.');
    await tabTo(el, (e) => e.getAttribute('data-event') === 'RESUME');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await press(el, 'sim-send-sample');
    // The sample answers resume at the first place offered, whose guard holds.
    expect(text(el, '#sim-last')).to.contain('Condition met: the transition for “Resume” has a condition, and it holds.');
    expect(text(el, '#sim-last')).to.contain('Timers stopped: “Pause expired”.');
    expect(text(el, '#sim-last')).not.to.match(/[A-Z]{3,}_[A-Z]{3,}/);
    await tabTo(el, (e) => e.id === 'sim-name');
    await sendKeys({ type: '../x' });
    await press(el, 'sim-save');
    expect(saves).to.have.length(0);
    expect(text(el, '.save .error')).to.contain('The name “../x” does not work');
  });
});
