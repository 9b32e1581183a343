import { describe, expect, it, beforeAll } from 'vitest';
import { describeEachStore } from '../test-support/stores.js';
import { useTestApp, SETUP_TIMEOUT, TOKENS } from '../test-support/test-app.js';

const H = '/v1/programs/gemeinsam-fuer-hagen';

const contact = (givenName: string, date: string) => ({ contactDate: date, house: 'altenhagen', channel: 'walkIn', givenName, ageGroup: 'from25to54', concern: ['job'] });
const entry = (familyName: string, date: string, extra: Record<string, unknown> = {}) => ({
  entryDate: date, consent: true, familyName, birthDate: '1990-05-02', gender: 'female', employmentStatus: 'longTermUnemployed', education: 'isced0to2',
  thirdCountryNational: 'yes', foreignBackground: 'noAnswer', disability: 'noAnswer', minority: 'noAnswer', homeless: 'no', rural: 'no', ...extra,
});

/** The cells of a CSV answer (none of the test's values holds a comma or a quote). */
const csv = async (res: Response): Promise<string[][]> => {
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
};

describeEachStore('participant monitoring: countable participants, inbox filter, pseudonymised exports (issue 19)', (kind) => {
  const t = useTestApp(kind);
  let version = new Map<string, number>();

  async function open(name: string): Promise<string> {
    const res = await t.request(`${H}/submissions`, { json: contact(name, t.clock.now.toISOString().slice(0, 10)), token: TOKENS.hagenAdvisor });
    expect(res.status, await res.clone().text()).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    version.set(caseId, 1);
    return caseId;
  }
  async function send(caseId: string, type: string, data?: unknown, token: string = TOKENS.hagenAdvisor): Promise<void> {
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const res = await t.request(`/v1/cases/${caseId}/events`, { json: { type, ...(data ? { data } : {}) }, token, headers: { 'if-match': String(version.get(caseId)) } });
    expect(res.status, await res.clone().text()).toBe(200);
    version.set(caseId, ((await res.json()) as { case: { version: number } }).case.version);
  }

  const ids: Record<string, string> = {};
  beforeAll(async () => {
    version = new Map();
    t.clock.now = new Date('2025-01-06T09:00:00Z');
    // Amina: entry, leaving with a language course, follow-up in a mini-job. Counted at every moment.
    ids.amina = await open('Amina');
    await send(ids.amina, 'START_ADVICE', { sessionDate: '2025-01-06', topics: ['languageCourse'] });
    await send(ids.amina, 'RECORD_ENTRY', entry('Haddad', '2025-01-06'));
    await send(ids.amina, 'CLOSE', { reason: 'goalReached' });
    await send(ids.amina, 'RECORD_EXIT', { leftOn: '2025-06-30', situationOnLeaving: ['languageCourse'] });
    // Boris: a man who entered, without leaving yet.
    ids.boris = await open('Boris');
    await send(ids.boris, 'START_ADVICE', { sessionDate: '2025-01-07', topics: ['jobSearch'] });
    await send(ids.boris, 'RECORD_ENTRY', entry('Ivanov', '2025-01-07', { gender: 'male', employmentStatus: 'employed', birthDate: '1960-01-01', education: 'isced3to4' }));
    // Amina comes again later: a re-entry of the same person (her given name typed in lower case).
    ids.aminaAgain = await open(' amina ');
    await send(ids.aminaAgain, 'START_ADVICE', { sessionDate: '2025-09-01', topics: ['jobSearch'] });
    await send(ids.aminaAgain, 'RECORD_ENTRY', entry('HADDAD', '2025-09-01'));
    // Chris: a short contact who never entered: no participant.
    ids.chris = await open('Chris');
  }, 2 * SETUP_TIMEOUT);

  it('counts each person once, by gender, at each reporting date, cumulative', async () => {
    const res = await t.request(`${H}/monitoring?date=2025-12-31`, { token: TOKENS.hagenAdvisor, locale: 'de' });
    expect(res.status).toBe(200);
    const m = (await res.json()) as { participants: number; countable: number; reentries: number; indicators: { id: string; title: string; counts: { women: number; men: number; total: number }[] }[] };
    expect([m.participants, m.countable, m.reentries]).toEqual([2, 2, 1]);
    const at = (id: string) => m.indicators.find((i) => i.id === id)!;
    expect(at('participants').counts[0]).toMatchObject({ women: 1, men: 1, total: 2 });
    expect(at('longTermUnemployed').counts[0]).toMatchObject({ women: 1, men: 0, total: 1 });
    expect(at('age55plus').counts[0]).toMatchObject({ men: 1, total: 1 });
    expect(at('educationOnLeaving').counts[0]).toMatchObject({ women: 1, total: 1 });
    expect(at('languageCourseOnLeaving')).toMatchObject({ title: 'Beim Austritt im Sprachkurs' });
    const before = (await (await t.request(`${H}/monitoring?date=2025-06-29`, { token: TOKENS.hagenAdvisor })).json()) as typeof m;
    expect(before.indicators.find((i) => i.id === 'educationOnLeaving')!.counts[0]!.total).toBe(0);
    expect(before.indicators.find((i) => i.id === 'participants')!.counts[0]!.total).toBe(2);
  });

  it('lists a participant with something missing, in words, excludes them from the figures, and the inbox filters on it', async () => {
    ids.dana = await open('Dana');
    await send(ids.dana, 'START_ADVICE', { sessionDate: '2025-02-03', topics: ['jobSearch'] });
    await send(ids.dana, 'RECORD_ENTRY', entry('Novak', '2025-02-03', { gender: 'diverse' }));
    await send(ids.dana, 'CLOSE', { reason: 'movedAway' });
    // Left, but the exit questionnaire is not in yet: the leaving moment has no date, so she is countable at entry.
    let m = (await (await t.request(`${H}/monitoring?date=2025-12-31`, { token: TOKENS.hagenAdvisor, locale: 'en' })).json()) as { countable: number; incomplete: { caseId: string; missing: string[] }[] };
    expect(m.countable).toBe(3);
    expect(m.incomplete).toEqual([]);
    // A second person whose paper questionnaire came back without the education: recorded as far as it goes.
    ids.emil = await open('Emil');
    await send(ids.emil, 'START_ADVICE', { sessionDate: '2025-02-04', topics: ['jobSearch'] });
    const { education: _e, ...withoutEducation } = entry('Schulz', '2025-02-04', { gender: 'male' });
    await send(ids.emil, 'RECORD_ENTRY', withoutEducation);
    m = (await (await t.request(`${H}/monitoring?date=2025-12-31`, { token: TOKENS.hagenAdvisor, locale: 'en' })).json()) as typeof m;
    expect(m.countable).toBe(3);
    expect(m.incomplete).toEqual([expect.objectContaining({ caseId: ids.emil, missing: ['Highest level of education'] })]);
    const list = async (q: string) => ((await (await t.request(`${H}/cases?${q}`, { token: TOKENS.hagenAdvisor, locale: 'de' })).json()) as { items: { id: string; monitoring?: { countable: boolean; missing: string[] } }[] }).items;
    const incomplete = await list('countable=no');
    expect(incomplete.map((i) => i.id)).toEqual([ids.emil]);
    expect(incomplete[0]!.monitoring).toEqual({ participant: true, countable: false, missing: ['Höchster Bildungsabschluss'] });
    expect((await list('countable=yes')).map((i) => i.id).sort()).toEqual([ids.amina, ids.boris, ids.aminaAgain, ids.dana].sort());
    expect((await list('')).find((i) => i.id === ids.chris)!.monitoring).toEqual({ participant: false, countable: false, missing: [] });
    // Once the team completes it, Emil counts.
    await send(ids.emil, 'RECORD_ENTRY', entry('Schulz', '2025-02-04', { gender: 'male' }));
    expect((await list('countable=no')).map((i) => i.id)).toEqual([]);
    const bad = await t.request(`${H}/cases?countable=maybe`, { token: TOKENS.hagenAdvisor });
    expect(bad.status).toBe(400);
    const other = await t.request('/v1/programs/casework/cases?countable=yes', { token: TOKENS.coach });
    expect(other.status).toBe(400);
  });

  it('exports one row of indicator data per countable participant under a pseudonym, and the identity table only to the coordinator', async () => {
    const rows = await csv(await t.request(`${H}/monitoring/participants.csv`, { token: TOKENS.hagenAdvisor }));
    expect(rows[0]!.slice(0, 5)).toEqual(['pseudonym', 'gender', 'entry_date', 'leaving_date', 'followUp_date']);
    expect(rows).toHaveLength(1 + 4);
    const text = rows.flat().join(' ');
    for (const name of ['Amina', 'Haddad', 'Boris', 'Ivanov', '1990-05-02']) expect(text).not.toContain(name);
    const amina = rows.find((r) => r[1] === 'women' && r[3] !== '')!;
    expect(amina[0]).toMatch(/^P-[0-9a-f]{16}$/);
    expect(amina[rows[0]!.indexOf('languageCourseOnLeaving')]).toBe('1');
    expect(amina[rows[0]!.indexOf('age55plus')]).toBe('0');

    const refused = await t.request(`${H}/monitoring/identities.csv`, { token: TOKENS.hagenAdvisor });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('FORBIDDEN');
    const ids2 = await csv(await t.request(`${H}/monitoring/identities.csv`, { token: TOKENS.hagenCoordinator }));
    expect(ids2[0]).toEqual(['pseudonym', 'reference', 'givenName', 'familyName', 'birthDate', 'reentries']);
    const line = ids2.find((r) => r[0] === amina[0])!;
    expect(line.slice(2, 5)).toEqual(['Amina', 'Haddad', '1990-05-02']);
    expect(line[5]).not.toBe('');

    const figures = await csv(await t.request(`${H}/monitoring/indicators.csv?date=2025-12-31`, { token: TOKENS.hagenAdvisor }));
    expect(figures[0]).toEqual(['reporting_date', 'indicator', 'moment', 'women', 'men', 'nonBinary', 'noAnswer', 'total']);
    expect(figures.find((r) => r[1] === 'participants')).toEqual(['2025-12-31', 'participants', 'entry', '1', '2', '1', '0', '4']);

    const audit = await t.store.officeAudit('gemeinsam-fuer-hagen', 100);
    const exports = audit.filter((a) => a.action === 'export').map((a) => [a.actor, a.detail['monitoring']]);
    expect(exports).toEqual([
      ['advisor-1', 'participants'],
      ['coordinator-1', 'identities'],
      ['advisor-1', 'indicators'],
    ]);
  });

  it('has no monitoring in a program without it, and refuses a bad date', async () => {
    expect((await t.request('/v1/programs/zweite-chance/monitoring', { token: TOKENS.zcCoach })).status).toBe(404);
    expect((await t.request(`${H}/monitoring?date=2025-13-45`, { token: TOKENS.hagenAdvisor })).status).toBe(400);
    expect((await t.request(`${H}/monitoring`, { token: TOKENS.coach })).status).toBe(403);
  });
});

describe('pseudonyms', () => {
  it('do not change between exports', async () => {
    const { pseudonymOf } = await import('./participant-table.js');
    expect(pseudonymOf('k', 'p', 'a')).toBe(pseudonymOf('k', 'p', 'a'));
    expect(pseudonymOf('k', 'p', 'a')).not.toBe(pseudonymOf('k2', 'p', 'a'));
  });
});
