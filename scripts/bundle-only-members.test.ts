// The members the embed build shortens although they have plain names (`bundleOnlyMembers` in
// scripts/build-embed.mjs) must be nothing a page, a definition, a server or the validators module spells out: a
// word key, an element's documented property, a key of the definition's or the API's schemas, or a name the
// validators module is written with. Otherwise the build would rename one side and not the other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleOnlyMembers } from './build-embed.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The files under a folder (recursively) whose names match. */
function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(path.join(root, dir)).flatMap((entry) => {
    const rel = path.join(dir, entry);
    if (statSync(path.join(root, rel)).isDirectory()) return filesUnder(rel, name);
    return name.test(entry) ? [rel] : [];
  });
}

const sources = [
  ...filesUnder('packages/elements/src/internal/strings', /\.ts$/),
  ...filesUnder('packages/core/src/messages', /\.ts$/),
  ...filesUnder('schemas', /\.json$/),
  ...filesUnder('docs/components', /\.md$/),
  'docs/embedding.md',
  ...filesUnder('packages/build/src', /^(?!.*\.test\.ts$).*\.ts$/),
];

describe('bundleOnlyMembers', () => {
  it('names nothing that words, schemas, element docs or the validators module spell out', () => {
    const found = sources.flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      return bundleOnlyMembers.filter((name: string) => new RegExp(`\\b${name}\\b`).test(text)).map((name: string) => `${name} in ${file}`);
    });
    expect(found).toEqual([]);
  });
});
