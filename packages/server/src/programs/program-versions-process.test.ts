// Program versions across real server processes: seeding from files at start, and a version published to one
// process served by another on the same PostgreSQL database.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@civicflow/test-support';
import { caseworkIntake } from '../test-support/fixtures.js';
import { removeServerEntry, startServerProcess } from '../test-support/server-process.js';
import { dropSchema, freshSchema, postgresUrl, warnIfNoPostgres } from '../test-support/stores.js';

const CASEWORK = path.join(repoRoot, 'packages/server/src/test-support/casework-program.json');
const work = mkdtempSync(path.join(tmpdir(), 'cf-versions-'));
const tokens = path.join(work, 'tokens.json');
const TOKEN = 'process-test-publisher-token';
writeFileSync(tokens, JSON.stringify({ tokens: [{ token: TOKEN, actor: 'designer-p', roles: ['casework:publish'] }] }));
const TIMEOUT = 180_000;

/** The casework file with changes, written beside the others. */
function caseworkFile(name: string, change: (def: Record<string, unknown>) => void): string {
  const def = JSON.parse(readFileSync(CASEWORK, 'utf8')) as Record<string, unknown>;
  change(def);
  const file = path.join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(def));
  return file;
}

const versionsOf = async (url: string) => ((await (await fetch(`${url}/v1/programs/casework/versions`)).json()) as { items: { version: string }[] }).items.map((v) => v.version);

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await removeServerEntry();
});

describe('program files seed the store', () => {
  it('keeps the versions of earlier files and the published ones across restarts, and refuses a changed file under a published version', async () => {
    const dir = path.join(work, 'seed-pglite');
    const args = ['--quiet', '--data', dir, '--no-scheduler', '--tokens', tokens];
    const first = await startServerProcess(['--programs', CASEWORK, ...args]);
    try {
      const published = await fetch(`${first.url}/v1/programs/casework/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: readFileSync(caseworkFile('published', (d) => (d.version = '1.0.1')), 'utf8'),
      });
      expect(published.status).toBe(201);
    } finally {
      await first.stop();
    }
    // Started with a newer file only: the store still has 1.0.0 (from the first start) and 1.0.1 (published).
    const second = await startServerProcess(['--programs', caseworkFile('newer', (d) => (d.version = '2.0.0')), ...args]);
    try {
      expect(await versionsOf(second.url)).toEqual(['2.0.0', '1.0.1', '1.0.0']);
    } finally {
      await second.stop();
    }
    const changed = caseworkFile('changed', (d) => (d.title = { de: 'Geändert', en: 'Changed' }));
    const refused = startServerProcess(['--programs', changed, ...args]);
    await expect(refused).rejects.toThrow(/casework has version 1\.0\.0, which was published on .* with another definition \[PROGRAM_VERSION_EXISTS\]/);
    await expect(refused).rejects.toThrow(/give the changed file a new "version"/);
  }, TIMEOUT);
});

warnIfNoPostgres();
describe.skipIf(!postgresUrl)('program versions across server processes (PostgreSQL)', () => {
  it('serves a version published to one process from the other, which opens its new cases under it', async () => {
    const schema = freshSchema();
    const args = ['--programs', CASEWORK, '--quiet', '--postgres', postgresUrl!, '--schema', schema, '--no-scheduler', '--tokens', tokens];
    const one = await startServerProcess(args);
    const two = await startServerProcess(args);
    try {
      expect(await versionsOf(two.url)).toEqual(['1.0.0']);
      const res = await fetch(`${one.url}/v1/programs/casework/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: readFileSync(caseworkFile('b', (d) => (d.version = '1.1.0')), 'utf8'),
      });
      expect(res.status).toBe(201);
      expect(await versionsOf(two.url)).toEqual(['1.1.0', '1.0.0']);
      const opened = await fetch(`${two.url}/v1/programs/casework/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseworkIntake()) });
      expect(opened.status).toBe(201);
      const { token } = (await opened.json()) as { token: string };
      const status = await fetch(`${one.url}/v1/status`, { headers: { authorization: `Bearer ${token}` } });
      expect(status.status).toBe(200);
      // The old version refuses new submissions on both (the default: from the moment the new one is live).
      for (const url of [one.url, two.url]) {
        const stale = await fetch(`${url}/v1/programs/casework/versions/1.0.0/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseworkIntake()) });
        expect(stale.status).toBe(409);
      }
    } finally {
      await one.stop();
      await two.stop();
      await dropSchema(schema);
    }
  }, TIMEOUT);
});
