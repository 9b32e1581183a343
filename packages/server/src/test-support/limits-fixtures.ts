// Cases of the Zukunftsbündnis congress and the WIR-Vielfalt call, built with the workflow as a server would, for
// tests of places and budgets. The steps and data come from the examples' walks.
import { loadProgram, type Program } from '@civicflow/core';
import { applyEvent, createCase, type Actor, type Case, type CaseEvent } from '@civicflow/workflow';
import { readExample } from '@civicflow/test-support';

/**
 * The congress as the example defines it, moved to 2099 so that its day has not passed for a server on the real
 * clock, with its registration window open from 2020 until a week before; optionally with fewer places.
 */
export function futureCongress(count?: number): Record<string, unknown> {
  const moved = JSON.parse(JSON.stringify(readExample('zukunftsbuendnis')).replaceAll('2025-05-17T', '2099-05-17T')) as {
    periods: Record<string, { start: string; end: string }>;
    workflow: { places: { congress: { count: number } } };
  };
  moved.periods['registration'] = { ...moved.periods['registration']!, start: '2020-01-01T00:00', end: '2099-05-09T23:59:59' };
  moved.periods['congress'] = { ...moved.periods['congress']!, start: '2099-05-16T00:00', end: '2099-05-17T00:00' };
  if (count !== undefined) moved.workflow.places.congress.count = count;
  return moved;
}

export const loadFutureCongress = (count?: number): Program => loadProgram(futureCongress(count));

export const registration = (givenName: string) => ({
  person: { givenName, familyName: 'Beispiel', email: `${givenName.toLowerCase().replace(/\W/g, '')}@example.org` },
  organisation: { name: 'Stadt Bürstadt', kind: 'municipality' },
  workshops: ['participation'],
  consent: true,
});

export const wirApplication = (name: string) => ({
  municipality: { name, ags: '06438098', inhabitants: 30000 },
  contactPerson: { name: 'Karl Probe', email: 'integration@beispielhausen.example' },
  strategy: {
    title: `${name} verbindet`,
    process: 'Ein Runder Tisch aus Verwaltung, Vereinen und Migrantenorganisationen entwickelt die Strategie in drei Werkstätten.',
    participation: 'Quartiersgespräche, eine mehrsprachige Befragung und ein Forum der Jugendlichen.',
    socialSpaces: 'Innenstadt und Südviertel.',
    councilResolution: true,
  },
  // The total costs are worked out from the costs (x-derived): the server never takes them from the applicant.
  funding: { costs: [{ item: 'Werkstätten und Moderation', amount: 18000 }, { item: 'Mehrsprachige Befragung', amount: 7000 }], requested: 20000 },
});

export const grant = (amount: number) => ({ approved: true, grantedAmount: amount, reasons: 'Das Vorhaben erfüllt die Fördervoraussetzungen.' });

const applicant: Actor = { id: 'applicant', roles: ['applicant'] };
const officer: Actor = { id: 'officer-seed', roles: ['officer'] };

function steps(program: Program, id: string, at: Date, opener: Actor, events: [Actor, CaseEvent][]): Case {
  const opened = createCase(program, id, opener, at);
  if (!opened.ok) throw new Error(opened.message);
  let c = opened.case;
  for (const [actor, event] of events) {
    const r = applyEvent(program, c, event, actor, at);
    if (!r.ok) throw new Error(`${event.type}: ${r.message}`);
    c = r.case;
  }
  return c;
}

/** A guest registered for the congress (holding a place), as if no place had been taken before. */
export const registeredGuest = (program: Program, id: string, at: Date): Case =>
  steps(program, id, at, applicant, [[applicant, { type: 'REGISTER', data: registration(`Gast ${id.slice(0, 6)}`) }]]);

/** A WIR application checked and complete, waiting for its decision; submitted on 1 November 2019, before the call closed. */
export function wirAtDecision(program: Program, id: string): Case {
  return steps(program, id, new Date('2019-11-01T09:00:00Z'), applicant, [
    [applicant, { type: 'SUBMIT', data: wirApplication(`Gemeinde ${id.slice(0, 6)}`) }],
    [officer, { type: 'START_CHECK' }],
    [officer, { type: 'RECORD_CHECK', data: { complete: true } }],
  ]);
}

/** A WIR application granted `amount` (without the budget counted: the seed sets the budget's starting point). */
export function wirGranted(program: Program, id: string, amount: number): Case {
  const c = wirAtDecision(program, id);
  const r = applyEvent(program, c, { type: 'DECIDE', data: grant(amount) }, officer, new Date('2019-12-01T09:00:00Z'));
  if (!r.ok) throw new Error(r.message);
  return r.case;
}

/** A WIR grant of `amount` that the municipality withdrew after it was approved. */
export function wirWithdrawn(program: Program, id: string, amount: number): Case {
  const c = wirGranted(program, id, amount);
  const r = applyEvent(program, c, { type: 'WITHDRAW' }, applicant, new Date('2019-12-10T09:00:00Z'));
  if (!r.ok) throw new Error(r.message);
  return r.case;
}
