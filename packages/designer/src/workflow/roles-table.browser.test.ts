import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfProgramDesigner } from '../designer/program-designer.js';
import type { CfRolesTable } from './roles-table.js';
import { axeViolations } from '@civicflow/test-support/browser';
import { deepActive, exampleText, loadBundle, mountDesigner as mount } from '../test-support/designer-page.js';
import { announced, removeDesigners, settle, tabTo } from '../test-support/keyboard.js';

const table = (el: CfProgramDesigner) => el.shadowRoot!.querySelector<CfRolesTable>('cf-roles-table')!;

/** Opens the workflow view and the table "who may do what" by keyboard. */
async function openTable(el: CfProgramDesigner): Promise<ShadowRoot> {
  (document.activeElement as HTMLElement | null)?.blur();
  await tabTo(el, (e) => e.id === 'view-workflow');
  await sendKeys({ press: 'Enter' });
  await settle(el);
  const toggle = await tabTo(el, (e) => e.id === 'roles-toggle');
  expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  await sendKeys({ press: 'Enter' });
  await settle(el);
  expect(toggle.getAttribute('aria-expanded')).to.equal('true');
  return table(el).shadowRoot!;
}

const rolesOf = (el: CfProgramDesigner, event: string) => (JSON.parse(el.workingText!) as { workflow: { events: Record<string, { roles: string[] }> } }).workflow.events[event]!.roles;

afterEach(removeDesigners);

describe('cf-roles-table, who may do what', function () {
  this.timeout(180_000);
  before(loadBundle);

  it('by keyboard alone: allows a role for an event, adds a role that appears in the table, and undoes both', async () => {
    const original = await exampleText('zweite-chance');
    const el = await mount(original, 'de');
    const root = await openTable(el);
    // A real table: roles as column headers, events as row headers, in the program's words.
    const heads = [...root.querySelectorAll('thead th')].map((th) => [th.getAttribute('scope'), th.textContent!.trim()]);
    expect(heads).to.deep.equal([
      ['col', 'Ereignis'],
      ['col', 'Teilnehmende Person'],
      ['col', 'Coach von Zweite Chance'],
      ['col', 'Pro Arbeit (Jobcenter)'],
      ['col', 'Von selbst (Frist)'],
    ]);
    expect(root.querySelectorAll('tbody th[scope="row"]').length).to.equal(15);
    const region = root.querySelector('.scroll')!;
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('tabindex')).to.equal('0');

    const name = 'Teilnehmende Person darf „Förderplan vereinbaren“ senden';
    const box = (await tabTo(el, (e) => e.getAttribute('aria-label') === name)) as HTMLInputElement;
    expect(box.checked).to.equal(false);
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(box.checked).to.equal(true);
    expect(rolesOf(el, 'AGREE_PLAN')).to.deep.equal(['participant', 'coach']);
    expect(el.problems).to.deep.equal([]);
    expect(announced(el)).to.equal('Teilnehmende Person darf jetzt „Förderplan vereinbaren“ senden.');

    await tabTo(el, (e) => e.id === 'role-new');
    await sendKeys({ type: 'Sozialarbeiterin' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect([...root.querySelectorAll('thead th')].map((th) => th.textContent!.trim())).to.include('Sozialarbeiterin');
    expect(root.querySelectorAll('tbody input[data-role="sozialarbeiterin"]').length).to.equal(15);
    expect((JSON.parse(el.workingText!) as { workflow: { roles: string[] } }).workflow.roles).to.deep.equal(['participant', 'coach', 'jobcentre', 'sozialarbeiterin']);
    expect(el.problems).to.deep.equal([]);
    expect(announced(el)).to.equal('Die Rolle „Sozialarbeiterin“ wurde hinzugefügt; sie darf noch nichts senden.');

    // Back into the table (Shift+Tab); Ctrl+Z from a checkbox takes back the new role, then the tick.
    const coach = await tabTo(el, (e) => e.getAttribute('aria-label') === 'Coach von Zweite Chance darf „Ausscheiden“ senden', { back: true });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    await settle(el);
    expect(root.querySelectorAll('input[data-role="sozialarbeiterin"]').length).to.equal(0);
    expect(deepActive()).to.equal(coach);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    await settle(el);
    expect(el.workingText).to.equal(original);
    expect(root.querySelector<HTMLInputElement>(`input[aria-label="${name}"]`)!.checked).to.equal(false);
    expect(await axeViolations(el, 'designer roles table')).to.deep.equal([]);
  });

  it('refuses to take the last sender from an event no timer sends, says why, and keeps the tick', async () => {
    const original = await exampleText('zweite-chance');
    const el = await mount(original, 'en');
    const root = await openTable(el);
    const box = (await tabTo(el, (e) => e.getAttribute('aria-label') === 'Second Chance coach may send "Agree coaching plan"')) as HTMLInputElement;
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(box.checked).to.equal(true);
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('"Agree coaching plan" needs at least one role');
    expect(el.workingText).to.equal(original);
    // A tick taken from an event a timer sends too is fine.
    const zb = await exampleText('zukunftsbuendnis');
    el.text = zb;
    await settle(el);
    const cancel = root.querySelectorAll<HTMLInputElement>('tr[data-event="CANCEL"] input');
    cancel[0]!.click();
    cancel[1]!.click();
    await settle(el);
    expect(rolesOf(el, 'CANCEL')).to.deep.equal([]);
    expect(el.problems).to.deep.equal([]);
    expect(root.querySelector('tr[data-event="CANCEL"] td.system')!.textContent).to.contain('a timer sends it');
  });

  it('retitles and removes a role, saying what went with it', async () => {
    const el = await mount(await exampleText('zweite-chance'), 'en');
    const root = await openTable(el);
    const en = root.querySelector<HTMLInputElement>('fieldset[data-role="jobcentre"] input[data-locale="en"]')!;
    en.focus();
    en.value = 'Job centre';
    en.dispatchEvent(new Event('change'));
    await settle(el);
    expect(root.querySelector('thead th[data-role="jobcentre"]')!.textContent!.trim()).to.equal('Job centre');
    root.querySelector<HTMLButtonElement>('fieldset[data-role="jobcentre"] button.remove')!.click();
    await settle(el);
    expect(root.querySelector('thead th[data-role="jobcentre"]')).to.equal(null);
    expect(announced(el)).to.equal('The role "Job centre" was removed, with its ticks at 5 event(s).');
    expect(el.problems).to.deep.equal([]);
    expect(deepActive()?.id).to.equal('role-new');
  });

  it('fits 320 px: the page does not scroll sideways, the table scrolls in its labelled region; axe clean', async () => {
    const el = await mount(await exampleText('gemeinsam-fuer-hagen'), 'de');
    el.style.display = 'block';
    el.style.width = '320px';
    const root = await openTable(el);
    const region = root.querySelector<HTMLElement>('.scroll')!;
    expect(region.scrollWidth).to.be.greaterThan(region.clientWidth);
    expect(region.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    expect(root.getElementById(region.getAttribute('aria-labelledby')!)!.textContent).to.contain('Wer darf was');
    expect(await axeViolations(el, 'designer roles table at 320 px')).to.deep.equal([]);
  });
});
