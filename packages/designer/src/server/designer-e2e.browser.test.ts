// Issue #17 end to end, by keyboard alone: the designer as the server serves it (/designer/{program}, in a frame of
// the test page, signed in as a person who may design and publish) adds a state, an event with a form and a role, a
// guard and a timer to a copy of Zweite Chance, tries a case into the new state, saves the draft and publishes it as
// a new version through the draft panel; a coach then moves a case of that version through the new state over the
// HTTP API. The server is the real one web-test-runner starts (scripts/wtr-api-server.mjs).
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';

const PROGRAM = 'zweite-chance-kopie';
const DESIGNER = 'test-only-kopie-designer';
const COACH = 'test-only-kopie-coach';

let frame: HTMLIFrameElement;

async function until<T>(fn: () => T | undefined | null | false, what: string, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const page = () => frame.contentDocument!;
const designer = () => page().querySelector('cf-program-designer')!;
const panel = () => page().querySelector('cf-draft-panel')!;
/** An element by id inside the designer and the elements it holds (outline, simulation), or the draft panel. */
function find(id: string): HTMLElement | null {
  const roots: (Document | ShadowRoot)[] = [page()];
  while (roots.length) {
    const root = roots.shift()!;
    const hit = root.getElementById?.(id) ?? root.querySelector(`#${CSS.escape(id)}`);
    if (hit) return hit as HTMLElement;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return null;
}
const text = (id: string) => find(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The focused element in the frame, through every shadow root on the way. */
function focused(): Element | null {
  let a = page().activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((r) => frame.contentWindow!.requestAnimationFrame(() => r(undefined)));
}

/** Tab (or Shift+Tab) until the focused element matches: keyboard only. */
async function tabTo(matches: string | ((e: Element) => boolean), back = false): Promise<HTMLElement> {
  const test = typeof matches === 'string' ? (e: Element) => e.id === matches : matches;
  for (let i = 0; i < 600; i++) {
    const a = focused();
    if (a && test(a)) return a as HTMLElement;
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
    await settle();
  }
  throw new Error(`focus never reached ${String(matches)}`);
}

async function press(id: string, key = 'Enter', back = false): Promise<void> {
  await tabTo(id, back);
  await sendKeys({ press: key });
  await settle();
}

/** Chooses an option of a select by the arrow keys, reading which one is chosen. */
async function choose(id: string, value: string, back = false): Promise<void> {
  const select = (await tabTo(id, back)) as HTMLSelectElement;
  await sendKeys({ press: 'Home' });
  for (let i = 0; i < select.options.length && select.value !== value; i++) await sendKeys({ press: 'ArrowDown' });
  await settle();
  expect(select.value).to.equal(value);
}

type Definition = { version: string; workflow: { states: Record<string, { on?: Record<string, unknown>; after?: { duration: string; send: string }[] }>; events: Record<string, { form?: string; roles: string[] }> } };
const working = () => JSON.parse((designer() as unknown as { workingText: string }).workingText) as Definition;

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(path, { ...init, headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en', Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

describe('issue #17 end to end: design, try, publish, and a case through the new state', function () {
  this.timeout(600_000);

  before(async () => {
    // Signed in as the designer for the pages the frame opens (the stand-in for a sign-in's session cookie).
    document.cookie = `cf-test-session=${DESIGNER}; path=/; SameSite=Strict`;
    frame = document.createElement('iframe');
    frame.title = 'designer';
    frame.style.cssText = 'width: 1280px; height: 900px; border: 0';
    frame.src = `/designer/${PROGRAM}`;
    document.body.append(frame);
    await until(() => panel()?.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('No draft saved yet'), 'the draft to load');
  });

  after(() => {
    document.cookie = 'cf-test-session=; path=/; max-age=0';
    frame?.remove();
  });

  it('by keyboard alone', async () => {
    expect(page().documentElement.lang).to.equal('en');
    expect(working().version).to.equal('1.0.0');
    // Into the frame: the panel offers Publish first, then the designer's toolbar.
    await tabTo((e) => e.textContent?.trim() === 'Publish …');
    await press('view-workflow');

    // A state.
    await tabTo('wfo-new-state');
    await sendKeys({ type: 'Referred elsewhere' });
    await sendKeys({ press: 'Enter' });
    await settle();
    await until(() => working().workflow.states['referredElsewhere'], 'the state');

    // An event with a form and a role.
    await tabTo('wfo-new-event');
    await sendKeys({ type: 'Refer' });
    await choose('wfo-new-event-form', 'resume');
    await press('wfo-new-event-role-coach', 'Space');
    await press('wfo-add-event');
    await until(() => working().workflow.events['REFER'], 'the event');
    expect(working().workflow.events['REFER']).to.deep.equal({ form: 'resume', roles: ['coach'] });

    // A new case can be referred elsewhere at once: a transition from the first state, with a guard on the event's data.
    await press('wfo-s-opened', 'Enter', true);
    await choose('wfo-add-t-opened-event', 'REFER');
    await choose('wfo-add-t-opened-target', 'referredElsewhere');
    await press('wfo-add-t-opened');
    await until(() => working().workflow.states['opened']!.on!['REFER'], 'the transition');
    await press('wfo-t-opened-REFER-0-gevent-add');
    const guard = () => (working().workflow.states['opened']!.on!['REFER'] as { guard?: unknown }).guard;
    await until(guard, 'the guard');
    expect(guard()).to.deep.equal({ properties: { event: { properties: { resumeAt: { const: 'intake' } }, required: ['resumeAt'] } } });

    // From the new state the intake starts, by a coach or after two weeks by a timer.
    await press('wfo-s-referredElsewhere', 'Enter', true);
    await choose('wfo-add-t-referredElsewhere-event', 'START_INTAKE');
    await choose('wfo-add-t-referredElsewhere-target', 'intake');
    await press('wfo-add-t-referredElsewhere');
    await until(() => working().workflow.states['referredElsewhere']!.on?.['START_INTAKE'], 'the way out');
    await press('wfo-s-referredElsewhere-timers-add');
    await until(() => working().workflow.states['referredElsewhere']!.after, 'the timer');
    expect(working().workflow.states['referredElsewhere']!.after).to.deep.equal([{ duration: 'P2W', send: 'START_INTAKE' }]);
    await until(() => (designer() as unknown as { problems: unknown[] }).problems.length === 0, 'no problems');

    // Try it: a coach opens a case and refers it with sample answers; the case is in the new state.
    await choose('sim-open-role', 'coach');
    await press('sim-open');
    await until(() => text('sim-state') === 'The case is in “Case opened”.', 'the simulated case');
    await tabTo((e) => e.getAttribute('data-event') === 'REFER');
    await sendKeys({ press: 'Enter' });
    await settle();
    await press('sim-send-sample');
    await until(() => text('sim-state') === 'The case is in “Referred elsewhere”.', 'the case in the new state');
    expect(text('sim-last')).to.contain('Condition met');
    expect(text('sim-last')).to.contain('Timers started:');

    // Save the draft (the toolbar's Save), then publish it as a new version, with the plan.
    await press('save', 'Enter', true);
    await until(() => panel().shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Draft saved (version 1)'), 'the save');
    await until(() => panel().shadowRoot!.textContent!.includes('New state “Referred elsewhere”'), 'the changes in words');
    await tabTo((e) => e.textContent?.trim() === 'Publish …', true);
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => {
      const d = panel().shadowRoot!.querySelector('dialog');
      return d?.open ? d : undefined;
    }, 'the dialog');
    // The draft still says 1.0.0: the dialog asks for the new number first, with the next one filled in.
    await until(() => focused()?.id === 'publish-version', 'the number box');
    expect((focused() as HTMLInputElement).value).to.equal('1.1.0');
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.textContent!.includes('Publish version 1.1.0'), 'the plan');
    expect(dialog.textContent).to.include('There are no open cases to move.');
    expect(working().version).to.equal('1.1.0');
    await tabTo((e) => e.textContent?.trim() === 'Publish now');
    await sendKeys({ press: 'Enter' });
    await until(() => panel().shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Version 1.1.0 is published.'), 'the publication');
    expect(dialog.open).to.equal(false);

    // The server serves the new version; a coach moves a case through the new state.
    expect((await (await fetch(`/v1/programs/${PROGRAM}`)).json()).version).to.equal('1.1.0');
    // The guard holds only for a resumption at the intake.
    const refused = await api(`/v1/programs/${PROGRAM}/submissions?form=resume`, COACH, { method: 'POST', body: JSON.stringify({ resumeAt: 'profiling' }) });
    expect(refused.status).to.equal(422);
    const opened = await api(`/v1/programs/${PROGRAM}/submissions?form=resume`, COACH, { method: 'POST', body: JSON.stringify({ resumeAt: 'intake' }) });
    expect(opened.status, await opened.clone().text()).to.equal(201);
    const { caseId } = (await opened.json()) as { caseId: string };
    const referred = (await (await api(`/v1/cases/${caseId}`, COACH)).json()) as { program: string; state: string; version: number; timers: { event: string; due: string }[]; history: { event: string; actor: string; from?: string; to?: string }[] };
    expect(referred.program).to.equal(`${PROGRAM}@1.1.0`);
    expect(referred.state).to.equal('referredElsewhere');
    expect(referred.timers.map((t) => t.event)).to.deep.equal(['START_INTAKE']);
    expect(referred.history.at(-1)).to.include({ event: 'REFER', actor: 'test-kopie-coach' });
    const moved = await api(`/v1/cases/${caseId}/events`, COACH, { method: 'POST', body: JSON.stringify({ type: 'START_INTAKE' }), headers: { 'If-Match': String(referred.version) } });
    expect(moved.status, await moved.clone().text()).to.equal(200);
    const after = ((await moved.json()) as { case: { state: string; timers: unknown[] } }).case;
    expect(after.state).to.equal('intake');
    expect(after.timers).to.deep.equal([]);
  });
});
