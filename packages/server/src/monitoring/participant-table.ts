import { createHmac } from 'node:crypto';
import { GENDER_GROUPS, readParticipant, valueAt, type GenderGroup, type MonitoringMomentName, type MonitoringPlan, type NeededField } from '@civicflow/core';
import type { CaseStore } from '../store/case-store.js';

/** How many cases the monitoring reads per query: the memory it holds at once. */
export const MONITORING_BATCH = 500;

/** One participant: the first case in which the person entered, under a pseudonymous id. */
export interface ParticipantRow {
  /** A keyed digest of the person's identity fields (`P-` and 16 hexadecimal digits): the same person always gets the same one. */
  pseudonym: string;
  caseId: string;
  reference: string;
  gender: GenderGroup;
  dates: Partial<Record<MonitoringMomentName, string>>;
  indicators: ReadonlySet<string>;
  countable: boolean;
  missing: readonly (NeededField & { moment: MonitoringMomentName })[];
  /** The person's identity fields as recorded (for the identity table only). */
  identity: readonly string[];
  /** Later cases of the same person that entered again: counted with this one, never on their own. */
  reentries: readonly string[];
}

export interface ParticipantTable {
  rows: ParticipantRow[];
  /** Cases that never reached entry (short contacts): not participants. */
  contacts: number;
}

/** The pseudonymous id of a person: HMAC-SHA256 of their identity, keyed with the program's monitoring secret. */
export function pseudonymOf(secret: string, programId: string, personKey: string): string {
  return `P-${createHmac('sha256', secret).update(`${programId}\u001e${personKey}`).digest('hex').slice(0, 16)}`;
}

/**
 * Every participant of a program, read from its cases a batch at a time (oldest first). A person who entered in more
 * than one case is one participant: the case with the earliest entry date counts (the older case on the same day), and
 * the others are listed as its re-entries. A participant whose identity fields are not all filled in cannot be
 * recognised and keeps their case as their own person.
 */
export async function readParticipantTable(store: CaseStore, plan: MonitoringPlan, secret: string): Promise<ParticipantTable> {
  const programId = plan.program.id;
  const byPerson = new Map<string, ParticipantRow>();
  let contacts = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listCases({ programId, sort: 'oldest', limit: MONITORING_BATCH, ...(cursor ? { cursor } : {}) }, true);
    for (const c of page.items) {
      const r = readParticipant(plan, c.data);
      if (!r.participant) {
        contacts++;
        continue;
      }
      const key = r.personKey ?? `case\u001f${c.id}`;
      const row: ParticipantRow = {
        pseudonym: pseudonymOf(secret, programId, key),
        caseId: c.id,
        reference: c.reference,
        gender: r.gender,
        dates: r.dates,
        indicators: new Set(r.indicators),
        countable: r.countable,
        missing: r.missing,
        identity: plan.person.map((p) => {
          const v = valueAt(c.data, p);
          return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
        }),
        reentries: [],
      };
      const first = byPerson.get(key);
      if (!first) byPerson.set(key, row);
      else if (row.dates.entry! < first.dates.entry!) byPerson.set(key, { ...row, reentries: [...first.reentries, first.reference] });
      else byPerson.set(key, { ...first, reentries: [...first.reentries, row.reference] });
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return { rows: [...byPerson.values()], contacts };
}

/** The counts of one indicator at one reporting date, by gender. */
export interface IndicatorCount {
  indicator: string;
  moment: MonitoringMomentName;
  date: string;
  women: number;
  men: number;
  nonBinary: number;
  noAnswer: number;
  total: number;
}

/**
 * The indicators at each reporting date, cumulative: every countable participant whose moment of the indicator fell on
 * or before the date and who counts for it, by gender. Participants with something missing are left out (and listed
 * apart by the caller).
 */
export function aggregateIndicators(plan: MonitoringPlan, rows: readonly ParticipantRow[], dates: readonly string[]): IndicatorCount[] {
  const out: IndicatorCount[] = [];
  for (const date of dates) {
    for (const ind of plan.indicators) {
      const count: IndicatorCount = { indicator: ind.id, moment: ind.moment, date, women: 0, men: 0, nonBinary: 0, noAnswer: 0, total: 0 };
      for (const row of rows) {
        const at = row.dates[ind.moment];
        if (!row.countable || at === undefined || at > date || !row.indicators.has(ind.id)) continue;
        count[row.gender]++;
        count.total++;
      }
      out.push(count);
    }
  }
  return out;
}

export { GENDER_GROUPS };
