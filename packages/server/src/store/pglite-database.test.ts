import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase } from './pglite-database.js';

const work = mkdtempSync(path.join(tmpdir(), 'cf-pglite-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder whose lock names `holder`, as a process that died without releasing it would have left it. */
function folderLockedBy(name: string, holder: unknown): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'server.lock'), JSON.stringify(holder));
  return dir;
}

// Issue 22, break 5: after kill -9 the recorded process id may be alive again — in a container the server is process 1
// every time — and the folder was refused for ever.
// Each test opens two new databases with every store migration: seconds on a quiet machine, over a minute on a busy one.
describe('the PGlite folder lock', { timeout: 180_000 }, () => {
  it('takes over a lock that names this process id but another start (the same id after a crash)', async () => {
    for (const [name, holder] of [['same-pid', { pid: process.pid, started: 1 }], ['same-pid-bare', process.pid]] as const) {
      // The second is how a server before this change wrote its lock: the process id alone.
      const db = await createPgliteDatabase({ dir: folderLockedBy(name, holder) });
      await db.close();
    }
  });

  it('takes over a lock that names a live process that is not the one that took it', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300000)'], { stdio: 'ignore' });
    try {
      for (const [name, holder] of [['other-pid', { pid: other.pid, started: 1 }], ['other-pid-bare', other.pid]] as const) {
        const db = await createPgliteDatabase({ dir: folderLockedBy(name, holder) });
        await db.close();
      }
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('refuses a folder a live holder has, here this very process, and frees it on close', async () => {
    const dir = path.join(work, 'held');
    const first = await createPgliteDatabase({ dir });
    try {
      await expect(createPgliteDatabase({ dir })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
    } finally {
      await first.close();
    }
    const again = await createPgliteDatabase({ dir });
    await again.close();
  });
});
