// Test helpers (never shipped): run the CLI in-process and find the programs the tests use.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplePath, repoRoot } from '@civicflow/test-support';
import { main } from '../main.js';
import type { CliIo } from '../cli-io.js';

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** Path of a fixture program in `packages/cli/src/fixtures/<name>/program.json`. */
export function fixtureProgram(name: string): string {
  return path.join(fixturesDir, name, 'program.json');
}

/** Path of an example program in `examples/<name>/program.json`. */
export function exampleProgram(name: string): string {
  return examplePath(name, 'program.json');
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `civicflow <argv>` in-process, with relative paths resolved against `cwd`. */
export async function runCli(argv: readonly string[], cwd = repoRoot): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'civicflow-cli-'));
}
