// Every error the packages throw carries a stable code, and every code is explained in docs/errors.md: callers
// branch on codes, so a code nobody can look up, or an error without one, is a gap in the public surface.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docs = readFileSync(path.join(root, 'docs/errors.md'), 'utf8');

/** The shipped source files: no tests, test helpers, test pages, generated code or declarations. */
function sourceFiles(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const skip = /(\.test\.ts|\.d\.ts)$|\/(test-support|test-pages|e2e|generated|fixtures)\//;
  for (const pkg of readdirSync(path.join(root, 'packages'))) {
    const src = path.join(root, 'packages', pkg, 'src');
    let entries: string[];
    try {
      entries = readdirSync(src, { recursive: true }) as string[];
    } catch {
      continue;
    }
    for (const rel of entries) {
      const file = path.join('packages', pkg, 'src', rel);
      if (file.endsWith('.ts') && !skip.test(`/${file}`)) out.push({ file, text: readFileSync(path.join(root, file), 'utf8') });
    }
  }
  return out;
}

const files = sourceFiles();
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The codes of every `…Code` union type and every `readonly code = '…' as const`, with where they are declared. */
function declaredCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const { file, text: withComments } of files) {
    const text = withComments.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of text.matchAll(/export type (\w+Code) =([^;]*);/g)) {
      for (const c of m[2]!.matchAll(/'([A-Za-z][A-Za-z0-9_]*)'/g)) codes.set(c[1]!, `${file} (${m[1]})`);
    }
    for (const m of text.matchAll(/readonly code = '([A-Za-z][A-Za-z0-9_]*)' as const/g)) codes.set(m[1]!, file);
  }
  return codes;
}

describe('error codes', () => {
  it('finds the code types of every package (the scan itself works)', () => {
    const codes = declaredCodes();
    for (const known of ['PROGRAM_INVALID', 'FORM_UNKNOWN', 'WORKFLOW_MISSING', 'TIMERS_DUE', 'BODY_TOO_DEEP', 'XML_DOCTYPE', 'USAGE', 'LOCALE_UNKNOWN']) {
      expect(codes.has(known), known).toBe(true);
    }
  });

  it('documents every code in docs/errors.md', () => {
    const missing = [...declaredCodes()].filter(([code]) => !docs.includes(`\`${code}\``)).map(([code, where]) => `${code} (${where})`);
    expect(missing).toEqual([]);
  });

  it('throws no error without a code: no plain Error, TypeError or RangeError', () => {
    const plain: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(/throw new (Error|TypeError|RangeError|SyntaxError)\(/g)) plain.push(`${file}:${lineOf(text, m.index)}`);
    }
    expect(plain).toEqual([]);
  });

  it('gives every error class that extends a built-in error a code', () => {
    const uncoded: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(/class (\w+) extends (Error|TypeError|RangeError|SyntaxError) \{([\s\S]*?)\n\}/g)) {
        if (!/readonly code\b/.test(m[3]!)) uncoded.push(`${m[1]} (${file}:${lineOf(text, m.index)})`);
      }
    }
    expect(uncoded).toEqual([]);
  });
});
