import { expect } from '@esm-bundle/chai';
import { render } from 'lit';
import { renderOfferedSteps, type OfferedStep } from './offered-steps.js';

const steps: OfferedStep[] = [
  { event: 'CANCEL', title: 'Zurückziehen' },
  { event: 'ADMIT', title: 'Von der Warteliste zulassen', unavailable: { code: 'NO_PLACE_FREE', message: 'Alle 2 Plätze von „Plätze beim Kongress“ sind vergeben.' } },
];

describe('renderOfferedSteps', () => {
  it('shows a step that needs a taken place with its reason, reachable by keyboard but not to be chosen', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const chosen: string[] = [];
    render(renderOfferedSteps(steps, undefined, { list: 'steps', button: 'step', chosenClass: 'primary' }, (s) => chosen.push(s.event)), host);
    const [cancel, admit] = [...host.querySelectorAll<HTMLButtonElement>('button')];
    expect(cancel!.getAttribute('aria-disabled')).to.equal(null);
    expect(admit!.getAttribute('aria-disabled')).to.equal('true');
    expect(admit!.disabled).to.equal(false);
    admit!.focus();
    expect(document.activeElement).to.equal(admit);
    const reason = host.querySelector(`#${admit!.getAttribute('aria-describedby')}`);
    expect(reason?.textContent).to.equal('Alle 2 Plätze von „Plätze beim Kongress“ sind vergeben.');
    admit!.click();
    cancel!.click();
    expect(chosen).to.deep.equal(['CANCEL']);
    host.remove();
  });
});
