import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import parseChangeset from '@changesets/parse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const notesDir = path.join(root, '.changeset');

async function workspacePackageNames(): Promise<string[]> {
  const { workspaces } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  return Promise.all(
    workspaces.map(async (dir) => (JSON.parse(await readFile(path.join(root, dir, 'package.json'), 'utf8')) as { name: string }).name),
  );
}

const notes = (await readdir(notesDir)).filter((name) => name.endsWith('.md') && name !== 'README.md');
const packages = await workspacePackageNames();

// `changeset version` reads these notes at release time; a broken one would only show then.
describe('.changeset notes', () => {
  it('are released with every workspace package at one version, publicly, with a changelog made offline', async () => {
    const config = JSON.parse(await readFile(path.join(notesDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ baseBranch: 'main', access: 'public', changelog: '@changesets/cli/changelog', fixed: [['@civicflow/*']] });
    for (const name of packages) expect(name).toMatch(/^@civicflow\//);
  });

  it.each(notes)('%s names workspace packages with a major, minor or patch bump and tells users what changed', async (name) => {
    const { releases, summary } = parseChangeset(await readFile(path.join(notesDir, name), 'utf8'));
    expect(releases.length, 'packages in the frontmatter').toBeGreaterThan(0);
    for (const release of releases) {
      expect(packages, 'a workspace package').toContain(release.name);
      expect(['major', 'minor', 'patch'], `the bump of ${release.name}`).toContain(release.type);
    }
    expect(summary.trim().length, 'prose after the frontmatter').toBeGreaterThan(0);
  });
});
