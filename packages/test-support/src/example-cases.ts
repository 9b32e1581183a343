// The case files of the example programs, `examples/<name>/cases/*.json`: data cases and workflow walks.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { isDataCase, type ExampleCase } from './example-case.js';
import { examplePath } from './repo-root.js';

/** The file names in an example's cases/ folder that end in `.json`, sorted. */
function caseFiles(name: string): string[] {
  const dir = examplePath(name, 'cases');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** The parsed JSON of `examples/<name>/cases/<file>`. */
export function readCaseFile<T = unknown>(name: string, file: string): T {
  return JSON.parse(readFileSync(examplePath(name, 'cases', file), 'utf8')) as T;
}

/** The data cases of an example (the case files that name a form), in file order; none when it has no cases/. */
export function exampleCases(name: string): ExampleCase[] {
  return caseFiles(name)
    .map((file) => ({ file, ...readCaseFile<Omit<ExampleCase, 'file'>>(name, file) }))
    .filter(isDataCase);
}

/**
 * The workflow walks of an example whose file names start with `prefix` (`workflow-` for all of them), as
 * `[file, walk]` in file order. The walk's type belongs to whoever runs it (workflow's `Walk`).
 */
export function exampleWalks<T>(name: string, prefix = 'workflow-'): [string, T][] {
  return caseFiles(name)
    .filter((f) => f.startsWith(prefix))
    .map((file) => [file, readCaseFile<T>(name, file)]);
}
