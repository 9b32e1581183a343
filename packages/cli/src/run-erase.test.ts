import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { submissionRoute } from '@civicflow/workflow';
import { createPgliteCaseStore, createPostgresCaseStore, ERASURE_EVENT, openCase, type CaseStore } from '@civicflow/server';
import { exampleCases, loadExample } from '@civicflow/test-support';
import { exampleProgram, runCli, tempDir } from './test-support/run-cli.js';

// Opening a PGlite folder runs initdb the first time and takes seconds on a busy machine; these tests open it often.
const SLOW = 120_000;

const program = loadExample('zweite-chance');
const intake = exampleCases('zweite-chance').find((c) => c.file === 'valid-minimal.json')!;
const now = new Date('2025-03-01T09:00:00Z');

/** Stores a person's own Zweite Chance sign-up, as the server does; its id and reference. */
async function signUp(store: CaseStore): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const route = submissionRoute(program, 'intake', ['participant'])!;
  const opened = openCase(program, id, { id: `applicant:${id}`, roles: ['participant'] }, now, route, intake.data, 'de');
  if (!opened.ok) throw new Error('the example did not open a case');
  const reference = `CF-${randomBytes(4).toString('hex').toUpperCase()}`;
  await store.submit({ programId: program.id, idempotencyKey: `key-${id}`, requestHash: 'digest', formId: 'intake', reference, case: opened.case, now });
  return { id, reference };
}

const personal = JSON.stringify((intake.data as { person: unknown }).person);
const common = ['--programs', exampleProgram('zweite-chance'), '--reason', 'DSB-2025-017', '--actor', 'dpo-1'];

/** The erase command against one kind of store: `open` opens it again after the command closed it. */
function eraseSuite(open: () => Promise<CaseStore>, storeArg: () => string[]) {
  it('names what it kept because the law requires it, with the basis, and never the values', async () => {
    // Gemeinsam für Hagen keeps a participant's names for the ESF Plus audits.
    const hagen = loadExample('gemeinsam-fuer-hagen');
    const id = randomUUID();
    const reference = `CF-${randomBytes(4).toString('hex').toUpperCase()}`;
    const contact = { contactDate: '2025-03-01', house: 'altenhagen', channel: 'walkIn', givenName: 'Pia', familyName: 'Nachweis', phone: '02331 654321', ageGroup: 'under25', concern: ['job'] };
    const opened = openCase(hagen, id, { id: 'advisor-1', roles: ['advisor'] }, now, submissionRoute(hagen, 'contact', ['advisor'])!, contact, 'de');
    if (!opened.ok) throw new Error('the contact did not open a case');
    let store = await open();
    await store.submit({ programId: hagen.id, idempotencyKey: `key-${id}`, requestHash: 'digest', formId: 'contact', reference, case: opened.case, now });
    await store.close();

    const args = [reference, ...storeArg(), '--programs', exampleProgram('gemeinsam-fuer-hagen'), '--reason', 'DSB-2025-018', '--actor', 'dpo-1'];
    const run = await runCli(['erase', ...args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`erased ${reference} (${id}): 1 field removed\n  kept, as Art. 82 Verordnung (EU) 2021/1060 requires, until its retention has passed: /givenName, /familyName\n`);
    const json = await runCli(['erase', ...args, '--json', '--locale', 'de']);
    const basis = 'Art. 82 Verordnung (EU) 2021/1060';
    expect(JSON.parse(json.stdout).results[0]).toMatchObject({ status: 'alreadyErased', changed: ['/phone'], kept: [{ pointer: '/givenName', basis }, { pointer: '/familyName', basis }] });
    expect(run.stdout + json.stdout).not.toMatch(/Pia|Nachweis|02331/);

    store = await open();
    try {
      expect((await store.getCase(id))!.data).toMatchObject({ givenName: 'Pia', familyName: 'Nachweis' });
    } finally {
      await store.close();
    }
  }, SLOW);

  it('erases cases by reference or id, records who and why, and leaves an erased case as it is', async () => {
    let store = await open();
    const [a, b, kept] = [await signUp(store), await signUp(store), await signUp(store)];
    await store.close();

    const first = await runCli(['erase', a.reference, b.id, ...storeArg(), ...common]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^erased ${a.reference} \\(${a.id}\\): \\d+ fields removed\\n`));
    expect(first.stdout).not.toContain((intake.data as { person: { familyName: string } }).person.familyName);

    store = await open();
    try {
      for (const { id } of [a, b]) {
        const c = (await store.getCase(id))!;
        expect(c.erasedAt).not.toBeNull();
        expect(c.data['person']).toEqual({});
        expect(c.history.at(-1)).toMatchObject({ event: ERASURE_EVENT, actor: 'dpo-1', roles: ['dataProtection'], reason: 'DSB-2025-017' });
        expect(JSON.stringify(c)).not.toContain(personal);
      }
      expect((await store.getCase(kept.id))!.erasedAt).toBeNull();
    } finally {
      await store.close();
    }

    const again = await runCli(['erase', a.reference, ...storeArg(), ...common, '--locale', 'de']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${a.reference} (${a.id}) war schon gelöscht`);
  }, SLOW);

  it('erases the cases it finds and exits 1 for those it does not, with --json', async () => {
    const store = await open();
    const a = await signUp(store);
    await store.close();
    const run = await runCli(['erase', 'CF-NOT-THERE', a.reference, ...storeArg(), ...common, '--json']);
    expect(run.code).toBe(1);
    const { results } = JSON.parse(run.stdout);
    expect(results).toEqual([
      { case: 'CF-NOT-THERE', status: 'notFound' },
      { case: a.reference, status: 'erased', caseId: a.id, reference: a.reference, erasedAt: expect.any(String), changed: expect.arrayContaining(['/person/familyName', '/contact']) },
    ]);
  }, SLOW);
}

describe('civicflow erase on a PGlite folder', () => {
  const dir = path.join(tempDir(), 'data');
  eraseSuite(
    () => createPgliteCaseStore({ dir }),
    () => ['--store', dir],
  );

  it('refuses what it cannot do before it opens the store', async () => {
    const usage = async (...args: string[]) => {
      const run = await runCli(['erase', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      return run.stderr;
    };
    expect(await usage('CF-1', '--store', dir, '--actor', 'dpo-1')).toContain('the reason is missing');
    expect(await usage('CF-1', '--store', dir, '--reason', 'DSB-1')).toContain('who erases is missing');
    expect(await usage('CF-1', '--reason', 'DSB-1', '--actor', 'dpo-1')).toContain('the store is missing');
    expect(await usage('--store', dir, '--reason', 'DSB-1', '--actor', 'dpo-1')).toContain('no case given');
    expect(await usage('CF-1', '--store', dir, '--reason', 'Anruf, siehe Akte', '--actor', 'dpo-1')).toContain('--reason must be');
    expect(await usage('CF-1', '--store', path.join(dir, 'typo'), ...common)).toMatch(/no store at .*typo/);
    expect(await usage('CF-1', '--store', dir, ...common, '--programs', 'nowhere.json')).toContain('nowhere.json');
  });

  it('leaves a folder alone while a server holds it', async () => {
    const held = await createPgliteCaseStore({ dir });
    try {
      const run = await runCli(['erase', 'CF-1', '--store', dir, ...common]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('a running server holds it');
    } finally {
      await held.close();
    }
  }, SLOW);
});

const postgresUrl = process.env.CIVICFLOW_TEST_PG_URL || undefined;

describe.skipIf(!postgresUrl)('civicflow erase on PostgreSQL', () => {
  const schema = `cf_test_${randomBytes(6).toString('hex')}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });
  eraseSuite(
    () => createPostgresCaseStore({ connectionString: postgresUrl!, schema, maxConnections: 2 }),
    () => ['--store', postgresUrl!, '--schema', schema],
  );
});
