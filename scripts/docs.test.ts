// The README, the architecture page and the CLI reference name what exists: every published package and every
// command. A package or a command added without a word in them fails here.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const packages = readdirSync(path.join(root, 'packages'))
  .filter((dir) => existsSync(path.join(root, 'packages', dir, 'package.json')))
  .map((dir) => ({ dir, ...(JSON.parse(read(`packages/${dir}/package.json`)) as { name: string; private?: boolean }) }));

/** The commands `civicflow` knows: the keys of the `commands` table in the CLI's main.ts. */
function commands(): string[] {
  const source = read('packages/cli/src/main.ts');
  const table = source.slice(source.indexOf('const commands'), source.indexOf('const generalUsage'));
  return [...table.matchAll(/^ {2}'?([a-z][a-z-]*)'?: \{$/gm)].map((m) => m[1]!);
}

describe('docs', () => {
  it('finds the packages and commands it checks (the scan itself works)', () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['@civicflow/core', '@civicflow/fim', '@civicflow/cli']));
    expect(commands()).toEqual(expect.arrayContaining(['check', 'build', 'import-fim']));
  });

  it('names every published package in the README, in docs/architecture.md, and gives each a README', () => {
    const readme = read('README.md');
    const architecture = read('docs/architecture.md');
    for (const p of packages.filter((p) => !p.private)) {
      expect(readme, `README.md names ${p.name}`).toContain(`\`${p.name}\``);
      expect(architecture, `docs/architecture.md names ${p.name}`).toContain(p.name);
      expect(existsSync(path.join(root, 'packages', p.dir, 'README.md')), `packages/${p.dir}/README.md`).toBe(true);
    }
  });

  it('describes every command of civicflow in docs/cli.md and the CLI README', () => {
    const reference = read('docs/cli.md');
    const cliReadme = read('packages/cli/README.md');
    for (const command of commands()) {
      expect(reference, `docs/cli.md has a section on ${command}`).toContain(`## \`civicflow ${command}\``);
      expect(cliReadme, `packages/cli/README.md shows ${command}`).toContain(`civicflow ${command} `);
    }
  });
});
