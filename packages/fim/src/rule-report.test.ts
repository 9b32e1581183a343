// The measured rule report: every FIM schema the tests have (the project's own fixtures, and the real files of
// ../shared/fim when that folder is there) imported with the files beside it as its code lists; it prints how
// many rules became conditions, per file and in all, and checks that every rule is accounted for.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFim } from './import-fim.js';
import type { ImportReport } from './report.js';
import { fixturesDir, hasSharedFim, sharedFimDir } from './test-support/fim-files.js';

/** The XDatenfelder files under `dir`, each with the other files of its folder. */
function schemasUnder(dir: string): { file: string; beside: { name: string; content: Buffer }[] }[] {
  const out: { file: string; beside: { name: string; content: Buffer }[] }[] = [];
  const names = readdirSync(dir).sort();
  const files = names.filter((n) => statSync(path.join(dir, n)).isFile());
  for (const name of files) {
    const content = readFileSync(path.join(dir, name));
    if (!name.endsWith('.xml') || !content.subarray(0, 2000).toString('utf8').includes('urn:xoev-de:fim:standard:xdatenfelder_')) continue;
    if (!/<[\w-]*:?xdatenfelder\.(stammdatenschema|datenfeldgruppe|datenfeld)\./.test(content.subarray(0, 2000).toString('utf8'))) continue;
    out.push({ file: path.join(dir, name), beside: files.filter((n) => n !== name).map((n) => ({ name: n, content: readFileSync(path.join(dir, n)) })) });
  }
  for (const name of names.filter((n) => statSync(path.join(dir, n)).isDirectory())) out.push(...schemasUnder(path.join(dir, name)));
  return out;
}

function measure(root: string): { file: string; report: ImportReport }[] {
  return schemasUnder(root).map(({ file, beside }) => ({ file: path.relative(root, file), report: importFim(readFileSync(file), { codelistFiles: beside }).report }));
}

function print(title: string, rows: { file: string; report: ImportReport }[]): { applied: number; total: number } {
  const applied = rows.reduce((n, r) => n + r.report.ruleSummary.applied, 0);
  const total = rows.reduce((n, r) => n + r.report.ruleSummary.total, 0);
  const percent = (a: number, t: number) => (t === 0 ? '-' : `${Math.round((100 * a) / t)} %`);
  const lines = rows.map(({ file, report: r }) => {
    const other = r.rules.filter((x) => x.status !== 'applied').map((x) => `${x.id} ${x.status}`);
    return `  ${file}: ${r.ruleSummary.applied} of ${r.ruleSummary.total} rules applied (${percent(r.ruleSummary.applied, r.ruleSummary.total)})${other.length > 0 ? `; ${other.join(', ')}` : ''}`;
  });
  console.log(`${title}\n${lines.join('\n')}\n  in all: ${applied} of ${total} rules applied (${percent(applied, total)})`);
  return { applied, total };
}

function accountedFor(rows: { file: string; report: ImportReport }[]): void {
  for (const { report } of rows) {
    expect(report.ruleSummary.total).toBe(report.rules.length);
    expect(report.ruleSummary.applied).toBe(report.rules.filter((r) => r.status === 'applied').length);
    for (const rule of report.rules) {
      expect(rule.note, `${rule.id} says what it became or why not`).not.toBe('');
      if (rule.status !== 'applied') expect(report.warnings.some((w) => w.fimId === rule.id && w.code.startsWith('RULE_'))).toBe(true);
    }
  }
}

describe('the measured rule report', () => {
  it('over the project\'s own FIM fixtures', () => {
    const rows = measure(fixturesDir);
    expect(rows.map((r) => r.file)).toEqual(['hundesteuer/hundesteuer.xml', 'vereinsfest/vereinsfest.xml', 'vereinszuschuss/vereinszuschuss.xml']);
    accountedFor(rows);
    expect(print('Rules applied, project fixtures:', rows)).toEqual({ applied: 15, total: 18 });
  });

  it.skipIf(!hasSharedFim)(`over the real FIM files of ../shared/fim${hasSharedFim ? '' : ' (skipped: ../shared/fim is not beside the repository)'}`, () => {
    const rows = measure(sharedFimDir);
    expect(rows.map((r) => r.file)).toEqual(expect.arrayContaining(['BlaueKarte.xml', 'xdatenfelder-ts-v3/simple.xml']));
    accountedFor(rows);
    const { applied, total } = print('Rules applied, ../shared/fim:', rows);
    expect(total).toBeGreaterThan(0);
    expect(applied).toBeGreaterThan(0);
  });
});
