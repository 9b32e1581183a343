import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase } from '@civicflow/workflow';
import type { CaseStore } from './store/case-store.js';
import { createPgliteCaseStore } from './store/pglite-case-store.js';
import { createPostgresCaseStore } from './store/postgres-case-store.js';
import { repoRoot } from '@civicflow/test-support';
import { caseworkIntake, loadCasework } from './test-support/fixtures.js';
import { removeServerEntry, runServerCommand, startServerProcess, type ServerProcess } from './test-support/server-process.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from './test-support/stores.js';

const CASEWORK = path.join(repoRoot, 'packages/server/src/test-support/casework-program.json');
const work = mkdtempSync(path.join(tmpdir(), 'cf-server-'));
const tokens = path.join(work, 'tokens.json');
writeFileSync(tokens, JSON.stringify({ tokens: [{ token: 'process-test-coach-token', actor: 'coach-p', roles: ['casework:coach'] }] }));
const program = loadCasework();
const TIMEOUT = 180_000;

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await removeServerEntry();
});

interface Ack {
  key: string;
  name: string;
  caseId: string;
  reference: string;
}

/** Sends submissions with `inFlight` running at once until stopped; collects the ones answered 201. */
function submissionStream(url: string, inFlight: number) {
  const acked: Ack[] = [];
  const unanswered: { key: string; name: string }[] = [];
  let running = true;
  let sent = 0;
  const worker = async () => {
    while (running) {
      const key = `crash-test-${randomUUID()}`;
      const name = `Person ${++sent}`;
      try {
        const res = await fetch(`${url}/v1/programs/casework/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(caseworkIntake(name)),
        });
        if (res.status === 201) acked.push({ key, name, ...((await res.json()) as Omit<Ack, 'key' | 'name'>) });
        else unanswered.push({ key, name });
      } catch {
        unanswered.push({ key, name });
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: inFlight }, worker));
  return { acked, unanswered, stop: () => ((running = false), done), done };
}

async function expectAllStored(server: ServerProcess, acked: Ack[]) {
  for (const a of acked) {
    const res = await fetch(`${server.url}/v1/cases/${a.caseId}`, { headers: { authorization: 'Bearer process-test-coach-token' } });
    expect(res.status, a.reference).toBe(200);
    expect(await res.json()).toMatchObject({ id: a.caseId, reference: a.reference, version: 1 });
  }
}

async function resubmit(server: ServerProcess, key: string, name: string) {
  const res = await fetch(`${server.url}/v1/programs/casework/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(caseworkIntake(name)),
  });
  return res;
}

/** Kill -9 in the middle of a stream, restart on the same store, and find every acknowledged submission. */
async function crashAndRecover(storeArgs: string[]) {
  const args = ['--programs', CASEWORK, '--tokens', tokens, '--quiet', '--no-scheduler', ...storeArgs];
  const first = await startServerProcess(args);
  const stream = submissionStream(first.url, 8);
  while (stream.acked.length < 40) await new Promise((r) => setTimeout(r, 5));
  await first.kill();
  await stream.done;
  const acked = [...stream.acked];
  expect(acked.length).toBeGreaterThanOrEqual(40);

  const second = await startServerProcess(args);
  try {
    await expectAllStored(second, acked);
    // The same key again answers as before and stores nothing new.
    const replay = await resubmit(second, acked[0]!.key, acked[0]!.name);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toMatchObject({ caseId: acked[0]!.caseId, reference: acked[0]!.reference });
    const total = async () =>
      (await (await fetch(`${second.url}/v1/programs/casework/report`, { headers: { authorization: 'Bearer process-test-coach-token' } })).json()).casesPerState.reduce(
        (n: number, r: { count: number }) => n + r.count,
        0,
      );
    const before = await total();
    expect(before).toBeGreaterThanOrEqual(acked.length);
    // A submission cut off by the crash was either stored or not; retrying its key stores it exactly once.
    for (const { key, name } of stream.unanswered) expect((await resubmit(second, key, name)).status).toBe(201);
    const after = await total();
    expect(after).toBeLessThanOrEqual(before + stream.unanswered.length);
    for (const { key, name } of stream.unanswered) expect((await resubmit(second, key, name)).headers.get('idempotent-replayed')).toBe('true');
    expect(await total()).toBe(after);
  } finally {
    await second.stop();
  }
}

/** Cases whose REMIND timer fell due while no server ran. */
async function seedDueCases(store: CaseStore, n: number): Promise<string[]> {
  const long_ago = new Date(Date.now() - 20 * 86_400_000);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = createCase(program, randomUUID(), { id: 'seed', roles: ['applicant'] }, long_ago, caseworkIntake());
    if (!r.ok) throw new Error(r.message);
    await store.submit({ programId: program.id, idempotencyKey: r.case.id, requestHash: 'h', formId: 'intake', reference: `S-${r.case.id.slice(0, 8)}`, case: r.case, now: long_ago });
    ids.push(r.case.id);
  }
  return ids;
}

async function waitForFired(store: CaseStore, ids: string[]) {
  for (let i = 0; i < 600; i++) {
    const versions = await Promise.all(ids.map(async (id) => (await store.getCase(id))!.version));
    if (versions.every((v) => v >= 2)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timers did not fire');
}

describe('server process on PGlite', () => {
  it('loses no acknowledged submission when killed with SIGKILL mid-stream', async () => {
    await crashAndRecover(['--data', path.join(work, 'crash-pglite')]);
  }, TIMEOUT);

  it('refuses a second process on the same folder', async () => {
    const dir = path.join(work, 'locked');
    const first = await startServerProcess(['--programs', CASEWORK, '--quiet', '--data', dir]);
    try {
      await expect(startServerProcess(['--programs', CASEWORK, '--quiet', '--data', dir])).rejects.toThrow(/DATA_DIR_LOCKED/);
    } finally {
      await first.stop();
    }
  }, TIMEOUT);

  it('fires deadlines that fell due while it was down, right after a restart', async () => {
    const dir = path.join(work, 'timers-pglite');
    const store = await createPgliteCaseStore({ dir });
    const ids = await seedDueCases(store, 5);
    await store.close();
    const server = await startServerProcess(['--programs', CASEWORK, '--quiet', '--data', dir]);
    await server.stop();
    const reopened = await createPgliteCaseStore({ dir });
    try {
      for (const id of ids) expect(await reopened.getCase(id)).toMatchObject({ state: 'overdue', version: 2 });
    } finally {
      await reopened.close();
    }
  }, TIMEOUT);

  it('takes the applicant token days from CIVICFLOW_APPLICANT_TOKEN_DAYS or the option, and refuses a bad value at start', async () => {
    const args = ['--programs', CASEWORK, '--quiet', '--memory', '--no-scheduler'];
    /** Submits, withdraws with the applicant's token and reads the status with it right after. */
    const statusAfterClosing = async (server: ServerProcess) => {
      const receipt = await (await resubmit(server, `lifetime-${randomUUID()}`, 'Lena Link')).json();
      const auth = { authorization: `Bearer ${receipt.token}` };
      const withdraw = await fetch(`${server.url}/v1/cases/${receipt.caseId}/events`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'if-match': '1' },
        body: JSON.stringify({ type: 'WITHDRAW' }),
      });
      expect(withdraw.status).toBe(200);
      const res = await fetch(`${server.url}/v1/status`, { headers: { ...auth, 'accept-language': 'en' } });
      return { status: res.status, body: await res.json() };
    };
    const atOnce = await startServerProcess(args, { CIVICFLOW_APPLICANT_TOKEN_DAYS: '0' });
    try {
      expect(await statusAfterClosing(atOnce)).toMatchObject({ status: 410, body: { code: 'TOKEN_EXPIRED' } });
    } finally {
      await atOnce.stop();
    }
    // The option wins over the environment.
    const month = await startServerProcess([...args, '--applicant-token-days', '30'], { CIVICFLOW_APPLICANT_TOKEN_DAYS: '0' });
    try {
      expect(await statusAfterClosing(month)).toMatchObject({ status: 200, body: { state: 'withdrawn' } });
    } finally {
      await month.stop();
    }
    const refused = /exited with 2:\n.*: the days an applicant's link stays open after the case closed must be a whole number from 0 to 36500/;
    await expect(startServerProcess(args, { CIVICFLOW_APPLICANT_TOKEN_DAYS: 'soon' })).rejects.toThrow(/CIVICFLOW_APPLICANT_TOKEN_DAYS=soon/);
    await expect(startServerProcess(args, { CIVICFLOW_APPLICANT_TOKEN_DAYS: '36501' })).rejects.toThrow(refused);
    await expect(startServerProcess([...args, '--applicant-token-days=-3'], {})).rejects.toThrow(/--applicant-token-days -3: .*whole number from 0 to 36500/);
    await expect(startServerProcess([...args, '--applicant-token-days', '1.5'], {})).rejects.toThrow(refused);
  }, TIMEOUT);

  it('runs retention as a command and exits', async () => {
    const dir = path.join(work, 'retention');
    const store = await createPgliteCaseStore({ dir });
    const r = createCase(program, randomUUID(), { id: 'seed', roles: ['applicant'] }, new Date('2020-01-01T00:00:00Z'), caseworkIntake());
    if (!r.ok) throw new Error(r.message);
    await store.submit({ programId: program.id, idempotencyKey: r.case.id, requestHash: 'h', formId: 'intake', reference: 'R-1', case: r.case, now: new Date('2020-01-01T00:00:00Z') });
    await store.close();
    const run = await runServerCommand(['retention', '--programs', CASEWORK, '--data', dir]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ checked: 1, anonymised: 1, fieldsRemoved: 2 });
    expect(run.code).toBe(0);
    const reopened = await createPgliteCaseStore({ dir });
    expect((await reopened.getCase(r.case.id))!.data).toEqual({ housing: 'none', contactPoint: 'Tagesaufenthalt Mitte' });
    await reopened.close();
  }, TIMEOUT);
});

warnIfNoPostgres();
describe.skipIf(!postgresUrl)('server processes on PostgreSQL', () => {
  it('loses no acknowledged submission when killed with SIGKILL mid-stream', async () => {
    const schema = freshSchema();
    try {
      await crashAndRecover(['--postgres', postgresUrl!, '--schema', schema]);
    } finally {
      await dropSchema(schema);
    }
  }, TIMEOUT);

  it('fires each timer once with two server processes sharing the database', async () => {
    const schema = freshSchema();
    const store = await createPostgresCaseStore({ connectionString: postgresUrl!, schema });
    const servers: ServerProcess[] = [];
    try {
      const ids = await seedDueCases(store, 30);
      const args = ['--programs', CASEWORK, '--postgres', postgresUrl!, '--schema', schema, '--scheduler-interval', '50'];
      servers.push(...(await Promise.all([startServerProcess(args), startServerProcess(args)])));
      await waitForFired(store, ids);
      await new Promise((r) => setTimeout(r, 300));
      for (const id of ids) {
        const c = (await store.getCase(id))!;
        expect(c.history.filter((h) => h.event === 'REMIND')).toHaveLength(1);
        expect(c).toMatchObject({ state: 'overdue', version: 2 });
      }
      const fired = servers.map((s) => s.stderr().split('\n').filter((l) => l.includes('"timers fired"')).reduce((n, l) => n + JSON.parse(l).events, 0));
      expect(fired[0]! + fired[1]!).toBe(30);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await store.close();
      await dropSchema(schema);
    }
  }, TIMEOUT);
});
