import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadProgram, type Program } from '@civicflow/core';

/**
 * Loads programs from paths: a `program.json` file, or a folder whose subfolders each hold one (like `examples/`).
 * Throws core's `ProgramError` (with the file name in front) for a definition with problems.
 */
export function loadPrograms(paths: readonly string[]): Program[] {
  const files = paths.flatMap((p) => {
    if (statSync(p).isFile()) return [p];
    if (existsSync(path.join(p, 'program.json'))) return [path.join(p, 'program.json')];
    return readdirSync(p)
      .sort()
      .map((name) => path.join(p, name, 'program.json'))
      .filter((f) => existsSync(f));
  });
  return files.map((file) => {
    try {
      return loadProgram(readFileSync(file, 'utf8'));
    } catch (err) {
      (err as Error).message = `${file}: ${(err as Error).message}`;
      throw err;
    }
  });
}
