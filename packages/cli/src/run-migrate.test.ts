import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { repoRoot } from '@civicflow/test-support';
import { createApp, createMigrationWorker, createPgliteCaseStore, createProgramRegistry, createTokenAuthenticator, startServer, type CaseStore, type RunningServer } from '@civicflow/server';
import { runCli, tempDir } from './test-support/run-cli.js';

const SLOW = 120_000;
const TOKEN = 'cli-test-migrate-token-000000';
const COACH = 'cli-test-migrate-coach-000000';
const CASEWORK = path.join(repoRoot, 'packages/server/src/test-support/casework-program.json');

describe('civicflow migrate and check --from', () => {
  let store: CaseStore;
  let server: RunningServer;
  let worker: ReturnType<typeof createMigrationWorker>;
  const dir = tempDir();
  const a = readFileSync(CASEWORK, 'utf8');
  /** Casework 1.1.0: the plan needs the hours, and cases of 1.0.0 move with their timers. */
  const next = (migration: Record<string, unknown> = { from: '1.0.0', timers: 'keep' }) => {
    const d = JSON.parse(a);
    d.version = '1.1.0';
    d.forms.plan.schema.required = ['goal', 'hours'];
    d.versions = { migrations: [migration] };
    const file = path.join(dir, `next-${Object.keys(migration).join('-')}.json`);
    writeFileSync(file, JSON.stringify(d, null, 2));
    return file;
  };
  const open = async () => {
    const res = await fetch(`${server.url}/v1/programs/casework/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Alex Beispiel', housing: 'flat' }) });
    return ((await res.json()) as { caseId: string }).caseId;
  };

  beforeAll(async () => {
    const empty = new PGlite();
    await empty.waitReady;
    const dump = await empty.dumpDataDir('none');
    await empty.close();
    store = await createPgliteCaseStore({ loadDataDir: dump });
    const programs = createProgramRegistry([loadProgram(a)]);
    const app = await createApp({
      store,
      programs,
      authenticate: createTokenAuthenticator([
        { token: TOKEN, actor: 'designer-1', roles: ['casework:publish'] },
        { token: COACH, actor: 'coach-1', roles: ['casework:coach'] },
      ]),
      rateLimit: false,
      logger: { log: () => {} },
    });
    server = await startServer(app);
    worker = createMigrationWorker({ store, programs, intervalMs: 50 });
    worker.start();
  }, SLOW);
  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await store?.close();
  });

  it('checks a migration against the older version\'s file', async () => {
    expect(await runCli(['check', next(), '--from', CASEWORK])).toMatchObject({ code: 0 });
    const wrong = await runCli(['check', next({ from: '1.0.0', states: { nowhere: 'received' } }), '--from', CASEWORK, '--locale', 'de']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/next-from-states\.json:\d+:\d+: MIGRATION_SOURCE_STATE_UNKNOWN \/versions\/migrations\/0\/states\/nowhere: Version 1\.0\.0 hat keinen Zustand „nowhere“/);
    const missing = await runCli(['check', CASEWORK, '--from', next()]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('MIGRATION_MISSING');
  }, SLOW);

  it('dry-runs, applies and shows the status of a migration through the server', async () => {
    await open();
    const planned = await open();
    const res = await fetch(`${server.url}/v1/cases/${planned}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${COACH}`, 'content-type': 'application/json', 'if-match': '1' },
      body: JSON.stringify({ type: 'ACCEPT', data: { goal: 'job' } }),
    });
    expect(res.status).toBe(200);
    expect((await runCli(['publish', next(), '--server', server.url, '--token', TOKEN])).code).toBe(0);
    const reference = (await store.getCase(planned))!.reference;

    const dry = await runCli(['migrate', 'dry-run', 'casework', '--from', '1.0.0', '--server', server.url, '--token', TOKEN]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('casework@1.0.0 → casework@1.1.0: 2 open case(s), 1 would move, 1 would fail (nothing was changed)');
    expect(dry.stdout).toContain(`${reference}: coaching → coaching fails: /hours:`);
    expect((await store.getCase(planned))!.program).toBe('casework@1.0.0');

    const applied = await runCli(['migrate', 'apply', 'casework', '--from', '1.0.0', '--server', server.url, '--token', TOKEN]);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('started moving the open cases of casework@1.0.0 to casework@1.1.0 (2 case(s))');
    expect(applied.stdout).toMatch(/finished at .*: 1 moved to casework@1\.1\.0, 1 failed and stay on casework@1\.0\.0/);
    expect(applied.stdout).toContain(`${reference} (coaching → coaching): /hours:`);

    const status = await runCli(['migrate', 'status', 'casework', '--server', server.url, '--token', TOKEN, '--locale', 'de']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('casework@1.1.0 *: 1 offene(r) Fall/Fälle, 1 insgesamt');
    expect(status.stdout).toContain('casework@1.0.0: 1 offene(r) Fall/Fälle, 1 insgesamt');

    const forbidden = await runCli(['migrate', 'status', 'casework', '--server', server.url, '--token', COACH]);
    expect(forbidden).toMatchObject({ code: 1 });
    expect(forbidden.stderr).toContain('[FORBIDDEN]');
    expect((await runCli(['migrate', 'apply', 'casework', '--server', server.url, '--token', TOKEN])).code).toBe(2);
  }, SLOW);
});
