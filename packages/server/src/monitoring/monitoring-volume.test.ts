// 10,000 invented participants on PostgreSQL: the aggregated export must equal the same figures worked out by SQL
// written here, independently of the code under test (its own dedup, completeness and indicator rules).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestApp, SETUP_TIMEOUT, TOKENS, type TestApp } from '../test-support/test-app.js';
import { dropSchema, freshSchema, postgresUrl } from '../test-support/stores.js';
import { createPostgresCaseStore } from '../store/postgres-case-store.js';

const N = 10_000;
const PROGRAM = 'gemeinsam-fuer-hagen';

/** A small seeded generator (mulberry32), so a failure can be repeated. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTRY_FIELDS = ['gender', 'employmentStatus', 'ageAtEntry', 'education', 'thirdCountryNational', 'foreignBackground', 'disability', 'minority', 'homeless', 'rural'];

function invent(): { id: string; created: string; data: Record<string, unknown> }[] {
  const r = random(19);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const day = (from: string, days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const people: { given: string; family: string; birth: string }[] = [];
  const out: { id: string; created: string; data: Record<string, unknown> }[] = [];
  for (let i = 0; i < N; i++) {
    const created = new Date(Date.parse('2024-01-01T08:00:00Z') + i * 7 * 60_000).toISOString();
    const again = people.length > 0 && r() < 0.04;
    const person = again ? pick(people) : { given: `Vorname${i}`, family: pick(['Becker', 'Yilmaz', 'Kowalski', 'Haddad', 'Schulz']) + i, birth: day('1955-01-01', Math.floor(r() * 18_000)) };
    if (!again) people.push(person);
    const data: Record<string, unknown> = {
      contactDate: created.slice(0, 10), house: pick(['altenhagen', 'wehringhausen']), channel: 'walkIn',
      givenName: again && r() < 0.5 ? ` ${person.given.toUpperCase()} ` : person.given, ageGroup: 'from25to54', concern: ['job'],
    };
    out.push({ id: `vol-${String(i).padStart(5, '0')}`, created, data });
    if (r() < 0.08) continue; // a short contact: never entered
    const entryDate = day('2024-01-01', Math.floor(r() * 900));
    Object.assign(data, {
      entryDate, consent: true, familyName: person.family, birthDate: person.birth, ageAtEntry: 15 + Math.floor(r() * 55),
      gender: pick(['female', 'male', 'diverse', 'noAnswer']),
      employmentStatus: pick(['unemployed', 'longTermUnemployed', 'inactive', 'employed', 'selfEmployed']),
      education: pick(['isced0to2', 'isced3to4', 'isced5to8']),
      thirdCountryNational: pick(['yes', 'no']), foreignBackground: pick(['yes', 'no', 'noAnswer']), disability: pick(['yes', 'no', 'noAnswer']),
      minority: pick(['yes', 'no', 'noAnswer']), homeless: pick(['yes', 'no']), rural: pick(['yes', 'no']),
    });
    if (r() < 0.06) delete data[pick(ENTRY_FIELDS)];
    if (r() < 0.6) {
      const leftOn = day(entryDate, 20 + Math.floor(r() * 300));
      data['leftOn'] = leftOn;
      if (r() < 0.95) data['situationOnLeaving'] = [...new Set([pick(['jobSearching', 'schoolOrTraining', 'languageCourse', 'qualification', 'socialInsuranceJob', 'miniJob', 'selfEmployed', 'none']), pick(['jobSearching', 'languageCourse', 'none'])])];
      if (r() < 0.5) {
        data['followUpOn'] = day(leftOn, 180 + Math.floor(r() * 30));
        if (r() < 0.95) data['situationAfterSixMonths'] = [pick(['socialInsuranceJob', 'miniJob', 'selfEmployed', 'improved', 'none'])];
      }
    }
  }
  return out;
}

/** Each indicator as SQL of its own over `data`: the moment's date field and the condition. */
const has = (field: string, ...values: string[]) => `data->'${field}' ?| array[${values.map((v) => `'${v}'`).join(', ')}]`;
const INDICATORS: Record<string, [string, string]> = {
  participants: ['entryDate', 'true'],
  unemployed: ['entryDate', `data->>'employmentStatus' IN ('unemployed', 'longTermUnemployed')`],
  longTermUnemployed: ['entryDate', `data->>'employmentStatus' = 'longTermUnemployed'`],
  inactive: ['entryDate', `data->>'employmentStatus' = 'inactive'`],
  employed: ['entryDate', `data->>'employmentStatus' IN ('employed', 'selfEmployed')`],
  under18: ['entryDate', `(data->>'ageAtEntry')::int < 18`],
  age18to29: ['entryDate', `(data->>'ageAtEntry')::int BETWEEN 18 AND 29`],
  age55plus: ['entryDate', `(data->>'ageAtEntry')::int >= 55`],
  isced0to2: ['entryDate', `data->>'education' = 'isced0to2'`],
  isced3to4: ['entryDate', `data->>'education' = 'isced3to4'`],
  isced5to8: ['entryDate', `data->>'education' = 'isced5to8'`],
  disabilities: ['entryDate', `data->>'disability' = 'yes'`],
  thirdCountryNationals: ['entryDate', `data->>'thirdCountryNational' = 'yes'`],
  foreignBackground: ['entryDate', `data->>'foreignBackground' = 'yes'`],
  minorities: ['entryDate', `data->>'minority' = 'yes'`],
  homeless: ['entryDate', `data->>'homeless' = 'yes'`],
  rural: ['entryDate', `data->>'rural' = 'yes'`],
  jobSearchingOnLeaving: ['leftOn', has('situationOnLeaving', 'jobSearching')],
  educationOnLeaving: ['leftOn', has('situationOnLeaving', 'schoolOrTraining', 'languageCourse')],
  qualificationOnLeaving: ['leftOn', has('situationOnLeaving', 'qualification')],
  employedOnLeaving: ['leftOn', has('situationOnLeaving', 'socialInsuranceJob', 'miniJob', 'selfEmployed')],
  employedAfterSixMonths: ['followUpOn', has('situationAfterSixMonths', 'socialInsuranceJob', 'miniJob', 'selfEmployed')],
  improvedAfterSixMonths: ['followUpOn', has('situationAfterSixMonths', 'improved')],
  schoolOrTrainingOnLeaving: ['leftOn', has('situationOnLeaving', 'schoolOrTraining')],
  languageCourseOnLeaving: ['leftOn', has('situationOnLeaving', 'languageCourse')],
  socialInsuranceJobOnLeaving: ['leftOn', has('situationOnLeaving', 'socialInsuranceJob')],
  miniJobOnLeaving: ['leftOn', has('situationOnLeaving', 'miniJob')],
};

/** The first entry of each person (by trimmed, lower-case name and birth date), and whether nothing is missing. */
const PARTICIPANTS = `
  WITH entered AS (
    SELECT id, created_at, data FROM cf_cases WHERE program_id = '${PROGRAM}' AND coalesce(data->>'entryDate', '') <> ''
  ), firsts AS (
    SELECT DISTINCT ON (lower(btrim(data->>'givenName')), lower(btrim(data->>'familyName')), data->>'birthDate') id, data FROM entered
    ORDER BY lower(btrim(data->>'givenName')), lower(btrim(data->>'familyName')), data->>'birthDate', data->>'entryDate', created_at, id
  )
  SELECT id, data,
    (data ?& array['consent', 'givenName', 'familyName', 'birthDate', ${ENTRY_FIELDS.map((f) => `'${f}'`).join(', ')}]
      AND (NOT data ? 'leftOn' OR jsonb_array_length(coalesce(data->'situationOnLeaving', '[]')) > 0)
      AND (NOT data ? 'followUpOn' OR jsonb_array_length(coalesce(data->'situationAfterSixMonths', '[]')) > 0)) AS countable,
    CASE data->>'gender' WHEN 'female' THEN 'women' WHEN 'male' THEN 'men' WHEN 'diverse' THEN 'nonBinary' ELSE 'noAnswer' END AS g
  FROM firsts`;

describe.skipIf(!postgresUrl)('participant monitoring with 10,000 invented participants (PostgreSQL)', () => {
  const schema = freshSchema();
  let t: TestApp;
  let db: pg.Client;

  beforeAll(async () => {
    t = await createTestApp({ name: 'postgres', create: () => createPostgresCaseStore({ connectionString: postgresUrl!, schema, maxConnections: 4 }), cleanup: async () => {} });
    db = new pg.Client({ connectionString: postgresUrl });
    await db.connect();
    await db.query(`SET search_path TO ${schema}`);
    const rows = invent().map((c, i) => ({
      id: c.id, reference: `CF-VOL-${i}`, program_id: PROGRAM, program_version: '1.1.0', state: 'advice', version: 1,
      data: c.data, timers: [], outcomes: [], created_at: c.created, updated_at: c.created, data_changed_at: c.created,
    }));
    for (let i = 0; i < rows.length; i += 2000) {
      await db.query(
        `INSERT INTO cf_cases (id, reference, program_id, program_version, state, version, data, timers, outcomes, created_at, updated_at, data_changed_at)
         SELECT id, reference, program_id, program_version, state, version, data, timers, outcomes, created_at, updated_at, data_changed_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, reference text, program_id text, program_version text, state text, version int, data jsonb, timers jsonb, outcomes jsonb, created_at timestamptz, updated_at timestamptz, data_changed_at timestamptz)`,
        [JSON.stringify(rows.slice(i, i + 2000))],
      );
    }
    t.clock.now = new Date('2027-06-01T09:00:00Z');
  }, 4 * SETUP_TIMEOUT);

  afterAll(async () => {
    await db?.end();
    await t?.close();
    await dropSchema(schema);
  });

  it('exports per reporting date, cumulative and by gender, exactly the figures independent SQL finds', async () => {
    const res = await t.request(`/v1/programs/${PROGRAM}/monitoring/indicators.csv`, { token: TOKENS.hagenAdvisor });
    expect(res.status).toBe(200);
    const [head, ...lines] = (await res.text()).replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
    expect(head).toEqual(['reporting_date', 'indicator', 'moment', 'women', 'men', 'nonBinary', 'noAnswer', 'total']);
    const dates = ['2024-12-31', '2025-12-31', '2026-12-31', '2027-06-01'];
    expect([...new Set(lines.map((l) => l[0]))]).toEqual(dates);
    expect(new Set(lines.map((l) => l[1]))).toEqual(new Set(Object.keys(INDICATORS)));

    const expected: string[][] = [];
    for (const date of dates) {
      for (const line of lines.filter((l) => l[0] === date)) {
        const [dateField, when] = INDICATORS[line[1]!]!;
        const { rows } = await db.query<{ g: string; n: string }>(
          `SELECT g, count(*) AS n FROM (${PARTICIPANTS}) p WHERE countable AND coalesce(data->>'${dateField}', '') <> '' AND (data->>'${dateField}')::date <= $1::date AND ${when} GROUP BY g`,
          [date],
        );
        const n = (g: string) => Number(rows.find((r) => r.g === g)?.n ?? 0);
        const groups = ['women', 'men', 'nonBinary', 'noAnswer'].map(n);
        expected.push([date, line[1]!, line[2]!, ...groups.map(String), String(groups.reduce((a, b) => a + b, 0))]);
      }
    }
    expect(lines).toEqual(expected);
    // The figures are not trivially small: thousands of participants, each gender present.
    const total = lines.find((l) => l[0] === '2026-12-31' && l[1] === 'participants')!;
    expect(Number(total[7])).toBeGreaterThan(7000);
    expect(total.slice(3, 7).every((n) => Number(n) > 1000)).toBe(true);
  }, 4 * SETUP_TIMEOUT);

  it('leaves out and lists exactly the participants SQL finds incomplete, and counts re-entries once', async () => {
    const res = await t.request(`/v1/programs/${PROGRAM}/monitoring?date=2026-12-31`, { token: TOKENS.hagenAdvisor });
    expect(res.status).toBe(200);
    const m = (await res.json()) as { participants: number; countable: number; reentries: number; incomplete: { caseId: string; missing: string[] }[] };
    const { rows } = await db.query<{ id: string; countable: boolean }>(PARTICIPANTS);
    const { rows: entered } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM cf_cases WHERE program_id = '${PROGRAM}' AND coalesce(data->>'entryDate', '') <> ''`);
    expect(m.participants).toBe(rows.length);
    expect(m.countable).toBe(rows.filter((r) => r.countable).length);
    expect(m.reentries).toBe(Number(entered[0]!.n) - rows.length);
    expect(m.reentries).toBeGreaterThan(100);
    expect(m.incomplete.map((i) => i.caseId).sort()).toEqual(rows.filter((r) => !r.countable).map((r) => r.id).sort());
    expect(m.incomplete.length).toBeGreaterThan(100);
    expect(m.incomplete.every((i) => i.missing.length > 0)).toBe(true);
  }, 4 * SETUP_TIMEOUT);

  it('writes one pseudonymous row per countable participant, and the inbox finds the incomplete ones', async () => {
    const res = await t.request(`/v1/programs/${PROGRAM}/monitoring/participants.csv`, { token: TOKENS.hagenAdvisor });
    const lines = (await res.text()).split('\r\n').filter((l) => l !== '');
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM (${PARTICIPANTS}) p WHERE countable`);
    expect(lines.length - 1).toBe(Number(rows[0]!.n));
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(lines.length - 1);
    const ids = (await (await t.request(`/v1/programs/${PROGRAM}/cases?countable=no&limit=500&sort=oldest`, { token: TOKENS.hagenAdvisor })).json()) as { items: { monitoring: { countable: boolean } }[] };
    expect(ids.items.length).toBeGreaterThan(100);
    expect(ids.items.every((i) => i.monitoring.countable === false)).toBe(true);
  }, 4 * SETUP_TIMEOUT);
});
