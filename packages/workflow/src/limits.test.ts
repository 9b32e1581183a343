import { describe, expect, it } from 'vitest';
import { exampleWalks, loadExample } from '@civicflow/test-support';
import { applyEvent } from './apply-event.js';
import { runWalk, type Walk } from './test-support/walk.js';

const program = loadExample('wir-vielfalt');
const walk = new Map(exampleWalks<Walk>('wir-vielfalt', 'workflow-')).get('workflow-budget-exceeded.json')!;
// The application up to its decision, taken from the walk that exhausts the budget.
const atDecision = runWalk(program, 'wir-vielfalt', { ...walk, steps: walk.steps.slice(0, 3) });
const officer = walk.actors['rp']!;
const now = new Date('2020-01-15T08:00:00Z');
const grant = (amount: number) => ({ type: 'DECIDE', data: { approved: true, grantedAmount: amount, reasons: 'Das Vorhaben erfüllt die Fördervoraussetzungen.' } });

describe('transitions within a budget', () => {
  it('charges the amount the transition merges into the case, against what the other cases use', () => {
    expect(atDecision.state).toBe('decision');
    const fits = applyEvent(program, atDecision, grant(20000), officer, now, { usage: { sums: { granted: 180000 } } });
    expect(fits.ok && fits.case.state).toBe('approved');
    const over = applyEvent(program, atDecision, grant(20000), officer, now, { locale: 'en', usage: { sums: { granted: 180000.01 } } });
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.code).toBe('BUDGET_EXCEEDED');
    expect(over.message).toBe('"Issue decision" would need €20,000.00 from the budget "Grant approved", but only €19,999.99 is left.');
    expect(over.details).toMatchObject({ sum: 'granted', budget: 200000, used: 180000.01, amount: 20000, transition: '/workflow/states/decision/on/DECIDE/0' });
  });

  it('lets a rejection through when the budget is spent, since it takes nothing from it', () => {
    const r = applyEvent(program, atDecision, { type: 'DECIDE', data: { approved: false, reasons: 'Die Mittel des Aufrufs sind ausgeschöpft.' } }, officer, now, { usage: { sums: { granted: 200000 } } });
    expect(r.ok && r.case.state).toBe('rejected');
  });

  it('counts a budget as unused when the caller gives no usage', () => {
    const r = applyEvent(program, atDecision, grant(20000), officer, now);
    expect(r.ok && r.case.state).toBe('approved');
  });
});

describe('places with a waiting list', () => {
  const congress = loadExample('zukunftsbuendnis');
  const [, waiting] = exampleWalks<Walk>('zukunftsbuendnis', 'workflow-').find(([f]) => f === 'workflow-waiting-list.json')!;
  const onList = runWalk(congress, 'zukunftsbuendnis', { ...waiting, steps: waiting.steps.slice(0, 1), expect: {} });

  it('lets only the system offer a place, without a timer, and only while one is free', () => {
    expect(onList.state).toBe('waiting');
    const system = waiting.actors['system']!;
    const at = new Date('2025-04-22T10:00:00Z');
    const offered = applyEvent(congress, onList, { type: 'PLACE_FREE' }, system, at, { usage: { places: { congress: 0 } } });
    expect(offered.ok && offered.audit).toMatchObject({ actor: 'system', event: 'PLACE_FREE', from: 'waiting', to: 'registered' });
    const full = applyEvent(congress, onList, { type: 'PLACE_FREE' }, system, at, { locale: 'en', usage: { places: { congress: 120 } } });
    expect(!full.ok && [full.code, full.message, full.details['used']]).toEqual([
      'NO_PLACE_FREE',
      'All 120 places of "Congress places" are taken, so "A place became free" is not possible now.',
      120,
    ]);
  });
});
