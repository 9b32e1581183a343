// Where the repository's folders are, for tests that read files there or run programs in it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of the repository (this file is packages/test-support/src/repo-root.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A path under examples/, such as `examplePath('zweite-chance', 'program.json')` or `examplePath('demo-tokens.json')`. */
export function examplePath(...parts: string[]): string {
  return path.join(repoRoot, 'examples', ...parts);
}
