import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../test-support/stores.js';
import { createTestApp, useTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { caseworkIntake } from '../test-support/fixtures.js';
import { randomUUID } from 'node:crypto';
import type { CasePage, CaseQuery, CaseStore } from '../store/case-store.js';
import { EXPORT_BATCH } from '../cases/case-export.js';

interface Row {
  id: string;
  reference: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  nextDue: string | null;
  assignee: string | null;
  assigneeName: string | null;
}

describeEachStore('the inbox API: sort, search, filters, assignment, export (issue 14)', (kind) => {
  const t = useTestApp(kind);

  /** Submits an intake at the test clock, which then moves on a minute, so cases open one after another. */
  async function submit(name: string, extra: Record<string, unknown> = {}): Promise<{ caseId: string; reference: string }> {
    const res = await t.request('/v1/programs/casework/submissions', { json: { ...caseworkIntake(name), ...extra } });
    expect(res.status).toBe(201);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    return res.json();
  }
  const list = async (query: string, token = TOKENS.coach): Promise<{ items: Row[]; next: string | null }> => {
    const res = await t.request(`/v1/programs/casework/cases?${query}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  /** Every page of a list, in order. */
  const all = async (query: string, token = TOKENS.coach): Promise<Row[]> => {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Row[]; next: string | null } = await list(`${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, token);
      rows.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return rows;
  };

  let ids: string[] = [];
  let refs: string[] = [];
  describe('one program with cases opened one after another', () => {
    beforeAll(async () => {
      const made = [];
      for (const name of ['Jana Kowalski', 'Mehmet Yilmaz', 'Anna Becker', 'Annabell Stein', 'Tom 100%_Sicher', 'Olga Petrova', 'Jonas Weber']) made.push(await submit(name));
      ids = made.map((m) => m.caseId);
      refs = made.map((m) => m.reference);
      // The third case moves on later, so it is the one changed last.
      t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
      const moved = await t.request(`/v1/cases/${ids[2]}/events`, { json: { type: 'ACCEPT', data: { goal: 'job' } }, token: TOKENS.coach, headers: { 'if-match': '1' } });
      expect(moved.status).toBe(200);
    }, SETUP_TIMEOUT);

    it('lists the newest first by default, and oldest first, last changed first or nearest deadline first when asked, page by page', async () => {
      const mine = (rows: Row[]) => rows.map((r) => r.id).filter((id) => ids.includes(id));
      expect(mine(await all('state='))).toEqual([...ids].reverse());
      expect(mine(await all('sort=oldest'))).toEqual(ids);
      expect(mine(await all('sort=updated'))[0]).toBe(ids[2]);
      const byDue = await all('sort=due');
      const dues = byDue.map((r) => r.nextDue);
      const firstNone = dues.indexOf(null);
      expect(firstNone === -1 || dues.slice(firstNone).every((d) => d === null), 'cases without a deadline come last').toBe(true);
      const withDue = dues.filter((d): d is string => d !== null);
      expect(withDue).toEqual([...withDue].sort());
      expect(new Set(byDue.map((r) => r.id)).size).toBe(byDue.length);
    });

    it('refuses an unknown order or deadline filter, and a cursor of another order', async () => {
      const page = await list('sort=oldest&limit=1');
      for (const bad of ['sort=random', 'due=later', `sort=newest&cursor=${page.next}`, `q=${'x'.repeat(101)}`]) {
        const res = await t.request(`/v1/programs/casework/cases?${bad}`, { token: TOKENS.coach });
        expect(res.status, bad).toBe(400);
        expect((await res.json()).code).toBe('PARAMETER_INVALID');
      }
    });

    it('finds cases by part of the reference, and by the words of a name in any order and case, with wildcards taken literally', async () => {
      expect((await list(`q=${encodeURIComponent(refs[1]!.slice(3).toLowerCase())}`)).items.map((r) => r.id)).toEqual([ids[1]]);
      expect((await list('q=becker%20ANNA')).items.map((r) => r.id)).toEqual([ids[2]]);
      expect((await list('q=anna')).items.map((r) => r.id)).toEqual([ids[3], ids[2]]);
      expect((await list('q=100%25_')).items.map((r) => r.id)).toEqual([ids[4]]);
      expect((await list('q=_')).items.map((r) => r.id)).toEqual([ids[4]]);
      // Text that is no personal data is not searched: the contact point every case shares finds nothing.
      expect((await list('q=Tagesaufenthalt')).items).toEqual([]);
    });

    it('records a search by name in the office audit with its text and hits, and never in the request log', async () => {
      await list('q=Yilmaz');
      const audit = await t.store.officeAudit('casework', 1000);
      expect(audit.filter((a) => a.action === 'search').at(-1)).toMatchObject({ actor: 'coach-1', programId: 'casework', detail: { q: 'Yilmaz', found: 1, page: 'first' } });
      expect(t.logs.join('\n')).not.toContain('Yilmaz');
    });

    it('lets a role without personal data find cases by reference only, and shows it cases without personal data', async () => {
      expect((await list('q=Yilmaz', TOKENS.assistant)).items).toEqual([]);
      expect((await list(`q=${refs[1]}`, TOKENS.assistant)).items.map((r) => r.id)).toEqual([ids[1]]);
      const before = (await t.store.officeAudit('casework', 1000)).filter((a) => a.action === 'search').length;
      await list('q=Petrova', TOKENS.assistant);
      expect((await t.store.officeAudit('casework', 1000)).filter((a) => a.action === 'search').length, 'no names were searched').toBe(before);
      const seen = await (await t.request(`/v1/cases/${ids[1]}`, { token: TOKENS.assistant })).json();
      expect(seen.personalDataHidden).toBe(true);
      expect(seen.data).toEqual({ housing: 'none', contactPoint: 'Tagesaufenthalt Mitte' });
      const coach = await (await t.request(`/v1/cases/${ids[1]}`, { token: TOKENS.coach })).json();
      expect([coach.personalDataHidden, coach.data.name]).toEqual([false, 'Mehmet Yilmaz']);
    });

    it('filters by overdue and soon-due deadlines as of the server clock', async () => {
      // Every new case has a reminder 14 days after it opened; 10 days on, they are all due within 7 days, none overdue.
      const saved = t.clock.now;
      try {
        t.clock.now = new Date(saved.getTime() + 10 * 86_400_000);
        const soon = (await all('due=soon')).map((r) => r.id);
        expect(soon).toEqual(expect.arrayContaining(ids.filter((id) => id !== ids[2])));
        expect((await all('due=overdue')).map((r) => r.id).filter((id) => ids.includes(id))).toEqual([]);
        t.clock.now = new Date(saved.getTime() + 15 * 86_400_000);
        const overdue = await all('due=overdue');
        expect(overdue.map((r) => r.id)).toEqual(expect.arrayContaining(ids.filter((id) => id !== ids[2])));
        expect(overdue.every((r) => r.nextDue !== null && r.nextDue <= t.clock.now.toISOString())).toBe(true);
      } finally {
        t.clock.now = saved;
      }
    });

    it('assigns a case to oneself and to a colleague, lists "my cases" and unassigned ones, and leaves the version alone', async () => {
      // A colleague becomes known by name once they have used the API.
      await list('limit=1', TOKENS.coach2);
      const colleagues = await (await t.request('/v1/programs/casework/colleagues', { token: TOKENS.coach2 })).json();
      expect(colleagues.items).toEqual(expect.arrayContaining([{ id: 'coach-2', name: 'Bea Berater', self: true }]));
      expect(colleagues.items.map((p: { id: string }) => p.id)).not.toContain('coach-zc');

      const put = (caseId: string, assignee: unknown, token = TOKENS.coach2) => t.request(`/v1/cases/${caseId}/assignee`, { method: 'PUT', json: { assignee }, token, locale: 'de' });
      const self = await put(ids[0]!, 'coach-2');
      expect(self.status).toBe(200);
      expect(await self.json()).toMatchObject({ caseId: ids[0], assignee: 'coach-2', assigneeName: 'Bea Berater', assignedBy: 'coach-2' });
      await list('limit=1', TOKENS.assistant);
      const other = await put(ids[5]!, 'assistant-1');
      expect(await other.json()).toMatchObject({ assignee: 'assistant-1', assigneeName: 'Ali Assistent' });
      const unknown = await put(ids[6]!, 'coach-zc');
      expect(unknown.status).toBe(422);
      expect(await unknown.json()).toMatchObject({ code: 'ASSIGNEE_UNKNOWN', message: expect.stringContaining('nicht als Kollegin oder Kollege bekannt') });
      expect((await put(ids[6]!, { id: 'x' })).status).toBe(400);
      expect((await put(ids[6]!, 'coach-2', TOKENS.officer)).status, 'not their program').toBe(404);

      expect((await all('assignee=me', TOKENS.coach2)).map((r) => r.id)).toEqual([ids[0]]);
      expect((await all('assignee=assistant-1')).map((r) => [r.id, r.assigneeName])).toEqual([[ids[5], 'Ali Assistent']]);
      expect((await all('assignee=none')).map((r) => r.id)).not.toEqual(expect.arrayContaining([ids[0], ids[5]]));
      const opened = await (await t.request(`/v1/cases/${ids[0]}`, { token: TOKENS.coach })).json();
      expect(opened).toMatchObject({ version: 1, assignee: 'coach-2', assignedBy: 'coach-2', people: { 'coach-2': 'Bea Berater' } });

      expect((await (await put(ids[0]!, null)).json())).toMatchObject({ assignee: null, assignedBy: null, assignedAt: null });
      expect((await all('assignee=me', TOKENS.coach2)).map((r) => r.id)).toEqual([]);
      const audit = (await t.store.officeAudit('casework', 1000)).filter((a) => a.action === 'assign' && a.caseId === ids[0]);
      expect(audit.map((a) => [a.actor, a.detail])).toEqual([
        ['coach-2', { before: null, assignee: 'coach-2' }],
        ['coach-2', { before: 'coach-2', assignee: null }],
      ]);
      expect((await t.store.getCase(ids[0]!))!.version).toBe(1);
    });

    it('exports the cases as CSV with the labels as heads, option labels, and personal columns only for roles that see them', async () => {
      const res = await t.request('/v1/programs/casework/cases.csv?state=received', { token: TOKENS.coach, locale: 'de' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="casework-\d{4}-\d{2}-\d{2}\.csv"$/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // A decoder drops the byte order mark, as a spreadsheet does.
      const lines = new TextDecoder().decode(bytes).split('\r\n');
      expect(lines[0]).toBe('Aktenzeichen,Stand,Eröffnet,Zuletzt geändert,Nächste Frist,Zuständig,Name,Telefon,Wohnen,Kontaktstelle,Ziel,Stunden');
      const jana = lines.find((l) => l.startsWith(refs[0]!))!;
      expect(jana).toMatch(new RegExp(`^${refs[0]},Eingegangen,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2},[^,]+,[^,]+,,Jana Kowalski,0151 234567,Keine Wohnung,Tagesaufenthalt Mitte,,$`));
      expect(lines.some((l) => l.startsWith(refs[2]!)), 'the state filter applies').toBe(false);

      const en = await (await t.request('/v1/programs/casework/cases.csv', { token: TOKENS.assistant, locale: 'en' })).text();
      const [head, ...rest] = en.split('\r\n');
      expect(head).toBe('Reference,State,Opened,Last changed,Next deadline,Assigned to,Housing,Contact point,Goal,Hours');
      expect(en).not.toMatch(/Kowalski|Yilmaz|0151/);
      expect(rest.find((l) => l.startsWith(refs[5]!))).toMatch(/,Ali Assistent,No flat,Tagesaufenthalt Mitte,,$/);
      const audit = (await t.store.officeAudit('casework', 1000)).filter((a) => a.action === 'export');
      expect(audit.map((a) => [a.actor, a.detail])).toEqual([
        ['coach-1', { format: 'csv', personal: true, state: 'received' }],
        ['assistant-1', { format: 'csv', personal: false }],
      ]);
    });

    it('writes a cell a spreadsheet would run as a formula as text', async () => {
      const { reference } = await submit('=HYPERLINK("http://example.com";"Klick")', { contactPoint: '+49 30 1234' });
      const csv = await (await t.request(`/v1/programs/casework/cases.csv?q=${reference}`, { token: TOKENS.coach, locale: 'de' })).text();
      const line = csv.split('\r\n').find((l) => l.startsWith(reference))!;
      expect(line).toContain(`"'=HYPERLINK(""http://example.com"";""Klick"")"`);
      expect(line).toContain(",'+49 30 1234,");
    });
  });
  describe('an export of 5,000 cases', () => {
    let big: TestApp;
    const refs = new Set<string>();
    beforeAll(async () => {
      big = await createTestApp(kind);
      const res = await big.request('/v1/programs/casework/submissions', { json: caseworkIntake('Erste Person') });
      const first = (await res.json()) as { caseId: string; reference: string };
      refs.add(first.reference);
      const base = (await big.store.getCase(first.caseId))!;
      // Copies of a real case under new ids, straight into the store: the export is under test, not the submission.
      for (let i = 1; i < 5000; i++) {
        const reference = `CF-BULK-${String(i).padStart(5, '0')}`;
        const id = randomUUID();
        const at = new Date(Date.parse(base.createdAt) + i * 1000);
        await big.store.submit({
          programId: 'casework',
          idempotencyKey: `bulk-${i}`,
          requestHash: 'bulk',
          formId: 'intake',
          reference,
          now: at,
          case: { id, program: base.program, state: base.state, version: base.version, data: { ...base.data, name: `Person ${i}` }, timers: base.timers, outcomes: [], history: base.history },
        });
        refs.add(reference);
      }
    }, 240_000);
    afterAll(async () => {
      await big.close();
    });

    it('streams every case once, oldest first, reading the store a batch at a time and only as fast as the reader takes it', async () => {
      const asked: number[] = [];
      const listCases = big.store.listCases.bind(big.store) as (q: CaseQuery, withData?: true) => Promise<CasePage>;
      big.store.listCases = ((q: CaseQuery, withData?: true) => {
        asked.push(q.limit);
        return listCases(q, withData);
      }) as CaseStore['listCases'];

      // A reader that stops after the head and one batch makes the server read no further.
      const partial = await big.request('/v1/programs/casework/cases.csv', { token: TOKENS.coach, locale: 'de' });
      const reader = partial.body!.getReader();
      await reader.read();
      await reader.read();
      await reader.cancel();
      await new Promise((r) => setTimeout(r, 50));
      expect(asked.length, 'batches read for a reader that took one').toBeLessThanOrEqual(2);

      asked.length = 0;
      const csv = await (await big.request('/v1/programs/casework/cases.csv', { token: TOKENS.coach, locale: 'de' })).text();
      const lines = csv.split('\r\n').filter((l) => l !== '');
      expect(lines).toHaveLength(5001);
      const exported = lines.slice(1).map((l) => l.slice(0, l.indexOf(',')));
      expect(new Set(exported).size).toBe(5000);
      expect(new Set(exported)).toEqual(refs);
      expect(exported.slice(1, 4)).toEqual(['CF-BULK-00001', 'CF-BULK-00002', 'CF-BULK-00003']);
      expect(lines[5000]).toContain(',Person 4999,');
      expect(asked.length).toBe(Math.ceil(5000 / EXPORT_BATCH));
      expect(Math.max(...asked)).toBe(EXPORT_BATCH);
    }, 120_000);
  });
});
