// `npm run seed`: fills the demo store (PGlite in .cf-data/, or CIVICFLOW_DATA) with a few dozen invented cases
// of the four example programs, spread over their workflow states. Every case goes through the real HTTP API
// (in process, with the demo tokens), so the data is validated and the workflow decides each step exactly as it
// would for a person. Names, towns and numbers are made up; no real person is described.
//
// Deterministic: a fixed seed drives every choice. Zweite Chance and Gemeinsam für Hagen run up to `today` (so the
// demo's open cases are recent); WIR-Vielfalt and Zukunftsbündnis follow their fixed calls (2019, the 2025
// congress). Re-running is safe: each case is submitted with its own Idempotency-Key, and a case seen before is
// left as it is. Stop `npm start` first: PGlite lets one process open the folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createApp,
  createPgliteCaseStore,
  createProgramRegistry,
  createScheduler,
  createTokenAuthenticator,
  loadPrograms,
  readTokenFile,
  silentLogger,
} from '@civicflow/server';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DAY = 86_400_000;

/** mulberry32: a small seeded generator, so the same seed gives the same demo. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)], chance: (p) => next() < p };
}

const givenNames = ['Anna', 'Mehmet', 'Sofia', 'Lukas', 'Fatma', 'Jonas', 'Aylin', 'Paul', 'Olena', 'Emil', 'Leonie', 'Yusuf', 'Marta', 'Finn', 'Nadia', 'Karim', 'Hannah', 'Tobias', 'Zeynep', 'Piotr'];
const familyNames = ['Becker', 'Yılmaz', 'Krüger', 'Nowak', 'Schulte', 'Demir', 'Hoffmann', 'Kowalczyk', 'Wagner', 'Öztürk', 'Lange', 'Petrenko', 'Brandt', 'Haddad', 'Vogel', 'Schmitz'];
const isoDate = (t) => new Date(t).toISOString().slice(0, 10);
const at = (t, r) => new Date(t + r.int(8, 16) * 3_600_000 + r.int(0, 59) * 60_000);

// ——— one journey per case: { program, form?, open: { as, at, data }, steps: [{ as, at, send, data? }] } ———
// `as` is a key of `tokens` below, or 'applicant' (the token the submission's receipt carries).

function hagenJourney(r, today, n) {
  const start = today - r.int(3, 430) * DAY;
  const givenName = r.pick(givenNames);
  const steps = [];
  let t = start + r.int(5, 20) * DAY;
  const open = {
    as: 'advisor',
    at: at(start, r),
    data: {
      contactDate: isoDate(start),
      house: r.pick(['altenhagen', 'wehringhausen']),
      channel: r.pick(['walkIn', 'walkIn', 'outreach', 'referral', 'recommendation']),
      givenName,
      ...(r.chance(0.6) ? { familyName: r.pick(familyNames) } : {}),
      ageGroup: r.pick(['under25', 'from25to54', 'from25to54', 'from55']),
      concern: [...new Set([r.pick(['job', 'training', 'school', 'language']), r.pick(['language', 'documents', 'job', 'other'])])],
    },
  };
  if (r.chance(0.12)) return { program: 'gemeinsam-fuer-hagen', key: n, open, steps };
  const advised = at(t, r);
  steps.push({ as: 'advisor', at: advised, send: 'START_ADVICE', data: { sessionDate: isoDate(t), topics: [r.pick(['jobSearch', 'languageCourse', 'schoolCourse', 'vocationalCourse', 'recognition'])] } });
  // Most who come for advice fill in the ESF Plus entry questionnaire the same day; some answers are still missing
  // in a few, so the inbox has participants who cannot be counted yet.
  const participant = r.chance(0.85);
  if (participant) {
    const complete = r.chance(0.85);
    const sensitive = () => r.pick(['yes', 'no', 'no', 'no', 'noAnswer']);
    steps.push({
      as: 'advisor',
      at: new Date(advised.getTime() + 30 * 60_000),
      send: 'RECORD_ENTRY',
      data: {
        entryDate: isoDate(t),
        consent: true,
        familyName: open.data.familyName ?? r.pick(familyNames),
        birthDate: isoDate(t - r.int(17 * 365, 62 * 365) * DAY),
        gender: r.pick(['female', 'female', 'male', 'male', 'diverse', 'noAnswer']),
        employmentStatus: r.pick(['unemployed', 'longTermUnemployed', 'longTermUnemployed', 'inactive', 'employed']),
        ...(complete ? { education: r.pick(['isced0to2', 'isced0to2', 'isced3to4', 'isced5to8']) } : {}),
        thirdCountryNational: r.pick(['yes', 'no']),
        foreignBackground: sensitive(),
        disability: sensitive(),
        minority: sensitive(),
        homeless: r.chance(0.1) ? 'yes' : 'no',
        rural: 'no',
      },
    });
  }
  for (let i = r.int(0, 3); i > 0; i--) {
    t += r.int(10, 28) * DAY;
    steps.push({ as: 'advisor', at: at(t, r), send: 'RECORD_SESSION', data: { sessionDate: isoDate(t), topics: [r.pick(['application', 'benefits', 'childcare', 'jobSearch', 'languageCourse'])] } });
  }
  // A participant who left: the exit questionnaire within the four weeks (now and then later), and six months on the
  // follow-up, each only when its day has come by today.
  const leaving = (leftAt) => {
    const exitAt = leftAt + r.int(2, 40) * DAY;
    if (exitAt > today || r.chance(0.15)) return;
    const onLeaving = r.pick([['languageCourse'], ['socialInsuranceJob'], ['miniJob'], ['schoolOrTraining'], ['jobSearching'], ['jobSearching', 'qualification']]);
    steps.push({ as: 'advisor', at: at(exitAt, r), send: 'RECORD_EXIT', data: { leftOn: isoDate(leftAt), situationOnLeaving: onLeaving } });
    const followAt = leftAt + (183 + r.int(1, 25)) * DAY;
    if (followAt > today || r.chance(0.2)) return;
    const later = r.pick([['socialInsuranceJob'], ['miniJob'], ['improved'], ['none']]);
    steps.push({ as: 'advisor', at: at(followAt, r), send: 'RECORD_FOLLOW_UP', data: { followUpOn: isoDate(followAt), situationAfterSixMonths: later } });
  };
  const outcome = () => {
    t += r.int(20, 90) * DAY;
    const kind = r.pick(['schoolCourse', 'vocationalCourse', 'languageCourse', 'languageCourse', 'socialInsuranceJob', 'miniJob']);
    const job = kind === 'socialInsuranceJob' || kind === 'miniJob';
    const provider = { schoolCourse: 'VHS Hagen', vocationalCourse: 'Berufskolleg Hagen', languageCourse: r.pick(['VHS Hagen', 'Sprachschule am Markt']), socialInsuranceJob: r.pick(['Pflegedienst Lenne', 'Logistik Hagen-Süd', 'Bäckerei am Volmeufer']), miniJob: r.pick(['Supermarkt Eilpe', 'Reinigungsservice Ruhr']) }[kind];
    const hours = kind === 'miniJob' ? r.int(6, 12) : r.int(20, 39);
    steps.push({ as: 'advisor', at: at(t, r), send: 'RECORD_OUTCOME', data: { kind, startDate: isoDate(t + 7 * DAY), provider, ...(job ? { hoursPerWeek: hours } : {}) } });
  };
  if (r.chance(0.75)) {
    outcome();
    if (r.chance(0.3)) outcome();
    if (r.chance(0.45)) {
      t += r.int(14, 60) * DAY;
      steps.push({ as: 'advisor', at: at(t, r), send: 'CLOSE', data: { reason: 'goalReached' } });
      if (participant) leaving(t);
    }
  } else if (r.chance(0.4)) {
    t += r.int(14, 60) * DAY;
    steps.push({ as: r.pick(['advisor', 'coordinator']), at: at(t, r), send: 'CLOSE', data: { reason: r.pick(['noLongerNeeded', 'movedAway', 'declined']) } });
    if (participant) leaving(t);
  }
  return { program: 'gemeinsam-fuer-hagen', key: n, open, steps };
}

function zweiteChanceJourney(r, today, n) {
  const start = today - r.int(2, 540) * DAY;
  let t = start;
  const next = (min, max) => at((t += r.int(min, max) * DAY), r);
  const steps = [];
  const alias = r.pick(givenNames);
  const open = {
    as: 'coach',
    at: at(start, r),
    data: { firstContact: { date: isoDate(start), channel: r.pick(['outreach', 'walkIn', 'jobcentre', 'partner']), ...(r.chance(0.5) ? { place: r.pick(['Bahnhof Offenbach', 'Tagesaufenthalt Marktplatz', 'Jobcenter Offenbach']), alias } : {}) } },
  };
  const done = () => ({ program: 'zweite-chance', form: 'firstContact', key: n, open, steps });
  if (r.chance(0.1)) return done();
  steps.push({ as: 'coach', at: next(0, 3), send: 'START_INTAKE' });
  if (r.chance(0.1)) return done();
  const intake = {
    person: { givenName: alias, familyName: r.pick(familyNames), birthDate: `${r.int(1965, 2005)}-0${r.int(1, 9)}-1${r.int(0, 9)}` },
    contact: r.chance(0.5)
      ? { addressStatus: 'none', contactPoint: { name: r.pick(['Notunterkunft Offenbach', 'Tagesaufenthalt Marktplatz']), howToReach: 'Dort nachfragen, werktags ab 10 Uhr.' } }
      : { addressStatus: 'none', contactPoint: { name: 'Beratungsstelle Wohnungsnot', howToReach: 'Post wird dort aufbewahrt.' } },
    housing: { situation: r.pick(['emergencyShelter', 'emergencyShelter', 'street']) },
    income: { status: 'none' },
    consent: { dataProcessing: true },
  };
  steps.push({ as: 'applicant', at: next(1, 10), send: 'SUBMIT_INTAKE', data: intake });
  if (r.chance(0.12)) {
    steps.push({ as: 'coach', at: next(3, 20), send: 'PAUSE', data: { pause: { reason: r.pick(['health', 'family', 'housing']) } } });
    return done();
  }
  if (r.chance(0.08)) {
    steps.push({ as: 'coach', at: next(10, 40), send: 'DROP_OUT', data: { dropout: { reason: r.pick(['noContact', 'movedAway', 'ownDecision']) } } });
    return done();
  }
  const measures = [
    { area: 'health', title: 'Zahnärztliche Behandlung' },
    { area: 'counselling', title: 'Schuldnerberatung', provider: 'Caritas' },
    { area: 'labourMarket', title: r.pick(['Staplerschein', 'Bewerbungstraining', 'Arbeitsgelegenheit Grünpflege']), provider: 'Pro Arbeit' },
  ].filter((_, i) => i === 2 || r.chance(0.6));
  const agreed = (t += r.int(7, 21) * DAY);
  steps.push({ as: 'coach', at: at(agreed, r), send: 'AGREE_PLAN', data: { plan: { agreedOn: isoDate(agreed), goals: 'Ein eigenes Zimmer und eine feste Arbeit.', measures: measures.map((m) => ({ ...m, status: 'planned' })) } } });
  for (const m of measures) {
    if (r.chance(0.2)) continue;
    const s = (t += r.int(5, 30) * DAY);
    steps.push({ as: m.area === 'labourMarket' ? 'jobcentre' : 'coach', at: at(s, r), send: 'START_MEASURE', data: { area: m.area, title: m.title, startDate: isoDate(s) } });
  }
  if (r.chance(0.35)) return done();
  const placed = (t += r.int(30, 100) * DAY);
  const employmentType = r.pick(['socialInsurance', 'socialInsurance', 'apprenticeship', 'miniJob']);
  steps.push({
    as: 'jobcentre',
    at: at(placed, r),
    send: 'PLACE',
    data: { placement: { employmentType, employer: r.pick(['Lager Nord GmbH', 'Gebäudereinigung Main', 'Gärtnerei am Hafen']), jobTitle: r.pick(['Lagerhelfer', 'Reinigungskraft', 'Gartenhelfer']), startDate: isoDate(placed + 14 * DAY), hoursPerWeek: employmentType === 'miniJob' ? 10 : r.int(25, 39) } },
  });
  const started = (t += 14 * DAY);
  steps.push({ as: 'coach', at: at(started, r), send: 'START_JOB', data: { jobStartedOn: isoDate(started) } });
  const checked = (t += r.int(50, 90) * DAY);
  steps.push({ as: 'coach', at: at(checked, r), send: 'RECORD_FOLLOW_UP', data: { followUp: { date: isoDate(checked), stillEmployed: r.chance(0.85) } } });
  return done();
}

const towns = [
  ['Musterstadt', '06438099', 25000], ['Lindenau am Main', '06435091', 14800], ['Bachtal', '06440012', 11200], ['Eichenberg', '06431008', 31500],
  ['Neuhofen (Taunus)', '06434007', 18300], ['Kleinwalden', '06437006', 4900], ['Sonnenfeld', '06432021', 42000], ['Rosengarten', '06436010', 12600],
  ['Steinbrück', '06433005', 22700], ['Wiesental', '06439014', 8700], ['Hochheide', '06438031', 36900], ['Brunnstadt', '06411002', 16400],
];

function wirJourney(r, n) {
  const [name, ags, inhabitants] = towns[n % towns.length];
  const small = inhabitants < 10000;
  const start = Date.UTC(2019, 8, 2) + r.int(0, 85) * DAY;
  let t = start;
  const next = (min, max) => at((t += r.int(min, max) * DAY), r);
  const requested = Math.min(20000, Math.round(r.int(9, 20) * 1000 + r.int(0, 1) * 500));
  const contact = `${r.pick(givenNames)} ${r.pick(familyNames)}`;
  const open = {
    as: 'applicant',
    at: at(start, r),
    data: {
      municipality: { name, ags, inhabitants },
      ...(small ? { partners: [{ name: 'Oberkirchbach', ags: ags.slice(0, 5) + '913', inhabitants: 3100 }] } : {}),
      contactPerson: { name: contact, email: `integration@${name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}.example` },
      strategy: {
        title: `${name.split(' ')[0]} gemeinsam gestalten`,
        process: 'Eine Steuerungsgruppe aus Verwaltung, Vereinen und Migrantenorganisationen erarbeitet in mehreren Werkstätten einen Entwurf der Strategie.',
        participation: 'Gespräche in den Stadtteilen, eine mehrsprachige Online-Befragung und ein Forum für Jugendliche begleiten die Arbeit.',
        socialSpaces: 'Innenstadt, Neubaugebiet und die Ortsteile.',
        councilResolution: r.chance(0.7),
      },
      funding: { costs: [{ item: 'Prozessbegleitung und Moderation', amount: requested }, { item: 'Veranstaltungen und Öffentlichkeitsarbeit', amount: r.int(2, 8) * 1000 }], requested },
    },
  };
  const steps = [];
  const done = () => ({ program: 'wir-vielfalt', form: 'application', key: n, open, steps });
  if (n % 12 === 11) return done();
  steps.push({ as: 'officer', at: next(3, 12), send: 'START_CHECK' });
  if (n % 12 === 10) return done();
  if (r.chance(0.35)) {
    const missing = [r.pick(['costPlan', 'councilStatement', 'signature'])];
    steps.push({ as: 'officer', at: next(1, 5), send: 'RECORD_CHECK', data: { complete: false, missing, note: 'Bitte reichen Sie die fehlenden Unterlagen nach.' } });
    if (n % 12 === 9) return done();
    steps.push({ as: 'applicant', at: next(4, 20), send: 'SUPPLY_DOCUMENTS', data: { supplied: missing } });
  }
  steps.push({ as: 'officer', at: next(1, 6), send: 'RECORD_CHECK', data: { complete: true } });
  if (n % 12 === 8) return done();
  const approved = n % 5 !== 3;
  const granted = Math.min(requested, Math.round((requested * r.int(80, 100)) / 100 / 100) * 100);
  steps.push({
    as: 'officer',
    at: next(20, 60),
    send: 'DECIDE',
    data: approved ? { approved, grantedAmount: granted, reasons: 'Das Vorhaben erfüllt die Fördervoraussetzungen.' } : { approved, reasons: 'Die Strategie beschreibt die Beteiligung der Zugewanderten nicht ausreichend.' },
  });
  if (!approved || n % 12 === 7) return done();
  const adopted = r.chance(0.75);
  const proofAt = (t += r.int(300, 520) * DAY);
  steps.push({
    as: 'applicant',
    at: at(proofAt, r),
    send: 'SUBMIT_PROOF',
    data: {
      spent: granted - r.int(0, 6) * 100,
      report: 'Werkstätten, Stadtteilgespräche und ein Jugendforum haben stattgefunden. Die Ergebnisse sind in den Entwurf der Integrationsstrategie eingeflossen und wurden öffentlich vorgestellt.',
      strategyAdopted: adopted,
      ...(adopted ? { adoptedOn: isoDate(proofAt - 20 * DAY) } : {}),
    },
  });
  if (n % 12 === 6) return done();
  steps.push({ as: 'officer', at: next(7, 30), send: 'ACCEPT_PROOF' });
  return done();
}

const organisations = [['Stadt Bürstadt', 'municipality'], ['Gemeinde Biblis', 'municipality'], ['Diakonie Bergstraße', 'welfare'], ['Sportverein 1911', 'association'], ['Hochschule Darmstadt', 'research'], ['Handwerkskammer', 'business'], ['Bürgerstiftung', 'other']];

function zukunftsbuendnisJourney(r, n) {
  const congress = Date.UTC(2025, 4, 16);
  const givenName = r.pick(givenNames);
  const familyName = r.pick(familyNames);
  const email = `${givenName}.${familyName}@example.org`.toLowerCase().normalize('NFD').replace(/[^a-z.@-]/g, '');
  if (n % 3 !== 2) {
    // Within the registration window (1 March to 9 May 2025, examples/zukunftsbuendnis/program.json).
    const start = congress - r.int(10, 70) * DAY;
    const [name, kind] = r.pick(organisations);
    const open = { as: 'applicant', at: at(start, r), data: { person: { givenName, familyName, email }, organisation: { name, kind }, workshops: [r.pick(['participation', 'qualityOfLife', 'environment', 'economy'])], consent: true } };
    const roll = r.next();
    const steps = roll < 0.12 ? [{ as: r.pick(['applicant', 'office']), at: at(congress - r.int(2, 9) * DAY, r), send: 'CANCEL' }] : roll < 0.82 ? [{ as: 'office', at: new Date(congress + 7 * 3_600_000 + r.int(0, 90) * 60_000), send: 'CHECK_IN' }] : [];
    return { program: 'zukunftsbuendnis', form: 'registration', key: n, open, steps };
  }
  const start = Date.UTC(2025, 2, 3) + r.int(0, 200) * DAY;
  let t = start;
  const next = (min, max) => at((t += r.int(min, max) * DAY), r);
  const field = r.pick(['participation', 'qualityOfLife', 'environment', 'economy']);
  const open = {
    as: 'applicant',
    at: at(start, r),
    data: {
      municipality: r.pick(['Gemeinde Lindenfeld', 'Stadt Neuhofen', 'Gemeinde Bachtal', 'Stadt Eichenberg']),
      contact: { givenName, familyName, email },
      project: { title: r.pick(['Dorfladen in Bürgerhand', 'Begegnungsgarten am Rathaus', 'Mitfahrbänke für alle Ortsteile', 'Jugendbeirat gründen']), description: 'Wir möchten das Projekt gemeinsam mit Vereinen und Nachbarschaft aufbauen und suchen dafür Rat und Kontakte.', fieldOfAction: field, support: ['advice', r.pick(['network', 'visit', 'publicity'])] },
    },
  };
  const steps = [];
  const done = () => ({ program: 'zukunftsbuendnis', form: 'sponsorship', key: n, open, steps });
  if (r.chance(0.15)) return done();
  steps.push({ as: 'office', at: next(3, 14), send: 'START_REVIEW' });
  if (r.chance(0.3)) {
    steps.push({ as: 'office', at: next(2, 7), send: 'ASK_FOR_INFORMATION' });
    if (r.chance(0.25)) return done();
    steps.push({ as: 'applicant', at: next(3, 14), send: 'PROVIDE_INFORMATION', data: { answer: 'Der Gemeinderat hat das Projekt im Haushalt vorgesehen; zwei Vereine machen mit.' } });
  }
  if (r.chance(0.15)) return done();
  if (r.chance(0.75)) steps.push({ as: 'office', at: next(7, 30), send: 'MATCH', data: { sponsor: r.pick(['Stadt Bürstadt', 'Landkreis Bergstraße', 'Gemeinde Biblis']), startsOn: isoDate(t + 30 * DAY) } });
  else steps.push({ as: 'office', at: next(7, 30), send: 'DECLINE', data: { reason: 'Für dieses Handlungsfeld ist derzeit keine Patenschaft frei.' } });
  return done();
}

/** Every demo case, in a fixed order. Steps after `today` are left out: those cases wait in an earlier state. */
export function demoJourneys({ seed = 20240917, today }) {
  const r = createRandom(seed);
  const journeys = [
    ...Array.from({ length: 26 }, (_, n) => hagenJourney(r, today, n)),
    ...Array.from({ length: 18 }, (_, n) => zweiteChanceJourney(r, today, n)),
    ...Array.from({ length: 12 }, (_, n) => wirJourney(r, n)),
    ...Array.from({ length: 12 }, (_, n) => zukunftsbuendnisJourney(r, n)),
  ];
  return journeys
    .filter((j) => j.open.at.getTime() <= today)
    .map((j) => ({ ...j, steps: j.steps.filter((s) => s.at.getTime() <= today) }));
}

const tokenOf = {
  coach: 'demo-only-zweite-chance-coach',
  jobcentre: 'demo-only-zweite-chance-jobcentre',
  advisor: 'demo-only-hagen-advisor',
  coordinator: 'demo-only-hagen-coordinator',
  officer: 'demo-only-wir-vielfalt-officer',
  office: 'demo-only-zukunftsbuendnis-office',
};

/** The example programs in examples/. */
export function loadExamplePrograms() {
  return loadPrograms([path.join(root, 'examples')]);
}

/**
 * Seeds `store` with the demo cases through the HTTP API, then fires the deadlines due by `now`.
 * Returns how many cases were created and how many were there already.
 */
export async function seedDemo({ store, programs = loadExamplePrograms(), seed, now = new Date(), log = () => {} }) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let clock = now;
  const registry = createProgramRegistry(programs);
  const app = await createApp({
    store,
    programs: registry,
    authenticate: createTokenAuthenticator(readTokenFile(path.join(root, 'examples/demo-tokens.json'))),
    rateLimit: false,
    logger: silentLogger,
    clock: () => clock,
  });
  const call = async (method, url, { token, body, headers = {} } = {}) => {
    const res = await app.request(url, {
      method,
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'de', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, headers: res.headers, json: await res.json() };
  };
  const summary = { created: 0, existing: 0 };
  for (const j of demoJourneys({ seed, today })) {
    if (!programs.some((p) => p.id === j.program)) continue;
    clock = j.open.at;
    const key = `seed-demo.${j.program}.${String(j.key).padStart(2, '0')}`;
    const query = j.form ? `?form=${j.form}` : '';
    const opened = await call('POST', `/v1/programs/${j.program}/submissions${query}`, { token: tokenOf[j.open.as], body: j.open.data, headers: { 'Idempotency-Key': key } });
    // A key seen before (with the same body, or with another day's dates) means this case is in the store already.
    if (opened.headers.get('idempotent-replayed') === 'true' || opened.json.code === 'IDEMPOTENCY_KEY_REUSED') {
      summary.existing++;
      continue;
    }
    if (opened.status !== 201) throw new Error(`${key}: the submission was refused (${opened.status} ${JSON.stringify(opened.json)})`);
    let version = (await call('GET', `/v1/cases/${opened.json.caseId}`, { token: opened.json.token })).json.version;
    for (const step of j.steps) {
      clock = step.at;
      const token = step.as === 'applicant' ? opened.json.token : tokenOf[step.as];
      const sent = await call('POST', `/v1/cases/${opened.json.caseId}/events`, { token, body: { type: step.send, ...(step.data ? { data: step.data } : {}) }, headers: { 'If-Match': `"${version}"` } });
      if (sent.status !== 200) throw new Error(`${key}: ${step.send} was refused (${sent.status} ${JSON.stringify(sent.json)})`);
      version = sent.json.case.version;
    }
    summary.created++;
    log(`${key}: ${opened.json.reference}`);
  }
  // Deadlines that fell due since (a contact who never came back, a congress that is over) fire as they would on
  // a running server, so the states the demo shows are the states of today.
  const scheduler = createScheduler({ store, programs: registry, clock: () => now });
  while ((await scheduler.runOnce()) > 0);
  return summary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.env.CIVICFLOW_DATA ?? path.join(root, '.cf-data');
  const store = await createPgliteCaseStore({ dir });
  try {
    const { created, existing } = await seedDemo({ store });
    console.log(`demo data in ${path.relative(root, dir) || dir}: ${created} cases created, ${existing} there already`);
  } finally {
    await store.close();
  }
}
