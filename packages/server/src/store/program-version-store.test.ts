import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import type { CaseStore } from './case-store.js';
import { describeEachStore } from '../test-support/stores.js';
import { SETUP_TIMEOUT } from '../test-support/test-app.js';
import { loadCasework } from '../test-support/fixtures.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createProgramSync, seedPrograms } from '../programs/program-sync.js';
import { createPgliteDatabase } from './pglite-database.js';
import { createSqlCaseStore } from './sql-case-store.js';

describeEachStore('program version store', (kind) => {
  let store: CaseStore;
  beforeAll(async () => {
    store = await kind.create();
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await store.close();
    await kind.cleanup();
  });

  const a = loadCasework();
  const b = loadProgram({ ...structuredClone(a.definition), version: '1.1.0' });
  const at = new Date('2025-03-01T09:00:00Z');

  it('seeds once, keeps the text as published, and refuses another definition under a stored version', async () => {
    expect(await seedPrograms(store.programVersions, [a], at)).toEqual({ inserted: ['casework@1.0.0'], unchanged: [] });
    expect(await seedPrograms(store.programVersions, [a, b], new Date('2025-04-01T00:00:00Z'))).toEqual({ inserted: ['casework@1.1.0'], unchanged: ['casework@1.0.0'] });
    const stored = await store.programVersions.get('casework', '1.0.0');
    expect(stored).toEqual({ programId: 'casework', version: '1.0.0', definition: JSON.stringify(a.definition), hash: a.hash, publishedBy: 'files', publishedAt: at.toISOString() });
    const changed = loadProgram({ ...structuredClone(a.definition), title: { de: 'Anders', en: 'Other' } });
    await expect(seedPrograms(store.programVersions, [changed], at)).rejects.toMatchObject({ code: 'PROGRAM_VERSION_EXISTS', params: { version: '1.0.0', hash: a.hash } });
    expect((await store.programVersions.list()).map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('changes its mark exactly when a version is published, and a sync loads only what is new', async () => {
    const before = await store.programVersions.mark();
    expect(await store.programVersions.mark()).toBe(before);
    const registry = createProgramRegistry([]);
    const sync = createProgramSync(store.programVersions, registry);
    await sync.refresh();
    expect(registry.refs().sort()).toEqual(['casework@1.0.0', 'casework@1.1.0']);
    expect(registry.publication('casework@1.0.0')).toEqual({ publishedBy: 'files', publishedAt: at.toISOString() });
    const c = loadProgram({ ...structuredClone(a.definition), version: '2.0.0' });
    await store.programVersions.publish({ programId: 'casework', version: '2.0.0', definition: JSON.stringify(c.definition), hash: c.hash, publishedBy: 'designer-1', publishedAt: at });
    expect(await store.programVersions.mark()).not.toBe(before);
    await sync.refresh();
    expect(registry.latest('casework')?.version).toBe('2.0.0');
    expect((await store.officeAudit('casework', 10)).filter((e) => e.action === 'publish').map((e) => e.detail)).toContainEqual({ version: '2.0.0', hash: c.hash });
  });
});

describe('the table of program versions', () => {
  it('refuses to change or remove a published version, even through SQL', async () => {
    const db = await createPgliteDatabase();
    try {
      const store = await createSqlCaseStore(db);
      const a = loadCasework();
      await seedPrograms(store.programVersions, [a], new Date('2025-03-01T09:00:00Z'));
      await expect(db.query("UPDATE cf_program_versions SET definition = '{}' WHERE program_id = 'casework'")).rejects.toThrow(/append-only/);
      await expect(db.query("DELETE FROM cf_program_versions WHERE program_id = 'casework'")).rejects.toThrow(/append-only/);
      expect((await store.programVersions.get('casework', '1.0.0'))?.hash).toBe(a.hash);
    } finally {
      await db.close();
    }
  }, SETUP_TIMEOUT);
});
