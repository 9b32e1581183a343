// What a page fetches the moment it loads the embed: its static imports. The widget's German or English words are
// fetched only for a page in that language, so the embed may not import either file up front (it did, for the two
// loading notices, which rollup had put into the German words' file).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'dist');

/** The files a module imports before it runs (`import … from "…"`, not `import("…")`). */
const staticImports = (code: string) => [...code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);

describe('the embed bundle', () => {
  it('imports no other file before it runs: every part beside it is fetched when needed', () => {
    const code = readFileSync(path.join(dist, 'cf-form.embed.js'), 'utf8');
    expect(staticImports('import{a as b}from"./x.js";import"./y.js";import("./z.js")')).toEqual(['./x.js', './y.js']);
    expect(staticImports(code)).toEqual([]);
    expect(code).toContain('import("./cf-form.locale-de.js")');
    expect(code).toContain('import("./cf-form.locale-en.js")');
  });

  it('leaves taking a chosen file (checking it, reading it inline) to the code that comes at the first focus', () => {
    const embed = readFileSync(path.join(dist, 'cf-form.embed.js'), 'utf8');
    const validation = readFileSync(path.join(dist, 'cf-form.validation.js'), 'utf8');
    expect(embed).not.toContain('readAsDataURL');
    expect(validation).toContain('readAsDataURL');
    expect(embed).toContain('import("./cf-form.validation.js")');
  });

  it("draws with lit-html and the widget's own element base: neither the embed nor a file beside it carries Lit's element base", () => {
    for (const file of ['cf-form.embed.js', 'cf-form.validation.js', 'cf-form.sending.js']) {
      const code = readFileSync(path.join(dist, file), 'utf8');
      expect(code, file).not.toContain('reactiveElementVersions');
      expect(code, file).not.toContain('litElementVersions');
    }
    expect(readFileSync(path.join(dist, 'cf-form.embed.js'), 'utf8')).toContain('litHtmlVersions');
  });
});
