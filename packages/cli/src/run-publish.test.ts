import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createPgliteCaseStore, createProgramRegistry, createTokenAuthenticator, startServer, type CaseStore, type RunningServer } from '@civicflow/server';
import { fixtureProgram, runCli, tempDir } from './test-support/run-cli.js';

const SLOW = 120_000;
const TOKEN = 'cli-test-publisher-token-0000';
const COACH = 'cli-test-coach-token-000000000';

describe('civicflow publish', () => {
  let store: CaseStore;
  let server: RunningServer;
  const dir = tempDir();
  const mini = JSON.parse(readFileSync(fixtureProgram('mini'), 'utf8')) as Record<string, unknown>;
  const id = mini['id'] as string;
  /** The mini fixture under another version (and title), written to a file. */
  const version = (v: string, title?: Record<string, string>) => {
    const file = path.join(dir, `${v}-${title ? 'changed' : 'same'}.json`);
    writeFileSync(file, JSON.stringify({ ...mini, version: v, ...(title ? { title } : {}) }, null, 2));
    return file;
  };

  beforeAll(async () => {
    const empty = new PGlite();
    await empty.waitReady;
    const dump = await empty.dumpDataDir('none');
    await empty.close();
    store = await createPgliteCaseStore({ loadDataDir: dump });
    const app = await createApp({
      store,
      programs: createProgramRegistry([]),
      authenticate: createTokenAuthenticator([
        { token: TOKEN, actor: 'designer-1', roles: [`${id}:publish`] },
        { token: COACH, actor: 'coach-1', roles: [`${id}:coach`] },
      ]),
      rateLimit: false,
      logger: { log: () => {} },
    });
    server = await startServer(app);
  }, SLOW);
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('publishes a version, says so again for the same definition, and refuses another definition under it', async () => {
    const first = await runCli(['publish', version('2.0.0'), '--server', server.url, '--token', TOKEN]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(new RegExp(`^published ${id}@2\\.0\\.0 \\(hash [0-9a-f]{12}\\) at \\d{4}-`));
    const listed = await (await fetch(`${server.url}/v1/programs/${id}/versions`)).json();
    expect(listed.items.map((v: { version: string }) => v.version)).toEqual(['2.0.0']);
    expect((await store.programVersions.get(id, '2.0.0'))?.publishedBy).toBe('designer-1');

    const again = await runCli(['publish', version('2.0.0'), '--server', `${server.url}/`, '--token', TOKEN, '--locale', 'de']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('war schon mit derselben Definition veröffentlicht');

    const changed = await runCli(['publish', version('2.0.0', { de: 'Anders', en: 'Other' }), '--server', server.url, '--token', TOKEN]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('[PROGRAM_VERSION_EXISTS]');
    expect(changed.stderr).toContain('give your definition a new version number');
  }, SLOW);

  it('refuses without the publish role, checks the file before sending it, and says when the server cannot be reached', async () => {
    const forbidden = await runCli(['publish', version('2.1.0'), '--server', server.url, '--token', COACH]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('[FORBIDDEN]');

    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...mini, version: 'next' }));
    const local = await runCli(['publish', broken, '--server', 'http://127.0.0.1:9', '--token', TOKEN]);
    expect(local.code).toBe(1);
    expect(local.stdout).toContain('/version');

    const unreachable = await runCli(['publish', version('2.1.0'), '--server', 'http://127.0.0.1:9', '--token', TOKEN]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach the server http://127.0.0.1:9');

    const notHttp = await runCli(['publish', version('2.1.0'), '--server', 'ftp://127.0.0.1', '--token', TOKEN]);
    expect(notHttp.code).toBe(2);
    expect(notHttp.stderr).toContain('not an http or https URL');

    const noToken = await runCli(['publish', version('2.1.0'), '--server', server.url], dir);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('--token');
  }, SLOW);
});
