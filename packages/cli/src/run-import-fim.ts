import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProgram, ProgramError } from '@civicflow/core';
import { FimError, importFim, ruleReasonText, warningText } from '@civicflow/fim';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { cliMessage } from './cli-messages.js';
import { writeOutput } from './write-output.js';

export interface ImportFimOptions {
  /** Path of the XDatenfelder file, relative to `io.cwd`. */
  file: string;
  /** Where to write the program. */
  out: string;
  /** A directory holding the genericode code lists, possibly beside the schema and other files. */
  codelists?: string;
  /** Language of the messages (`de` or `en`); the program's texts are German either way. */
  locale?: string;
  /** The day (`YYYY-MM-DD`) an age is counted on when a rule names none. */
  ageOn?: string;
}

/**
 * `civicflow import-fim`: turns an XDatenfelder 2.0 / 3.0.0 file into a program definition, checks it with
 * core and writes it; prints the import report (warnings, rules not understood) to stderr.
 *
 * @returns the exit code: 0 when written, 1 when the imported program does not pass the checks, 2 when a
 *   file cannot be read, parsed or written.
 */
export async function runImportFim(options: ImportFimOptions, io: CliIo): Promise<number> {
  const locale = options.locale ?? 'en';
  const xml = await readInput(options.file, io.cwd, locale);
  const codelistFiles: { name: string; content: Buffer }[] = [];
  if (options.codelists !== undefined) {
    // A folder as people keep it: the schema itself, its code lists, anything else. Every file but the schema
    // is offered; the import uses the genericode lists and names the files it skipped.
    const dir = path.resolve(io.cwd, options.codelists);
    const schemaPath = path.resolve(io.cwd, options.file);
    let names: string[];
    try {
      names = (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isFile() && path.join(dir, e.name) !== schemaPath)
        .map((e) => e.name)
        .sort();
    } catch (e) {
      throw new CliError('FILE_UNREADABLE', cliMessage(locale, 'fileUnreadable', { file: options.codelists, detail: e instanceof Error ? e.message : String(e) }));
    }
    for (const name of names) codelistFiles.push({ name, content: await readInput(path.join(options.codelists, name), io.cwd, locale) });
  }
  let imported;
  try {
    imported = importFim(xml, { codelistFiles, ...(options.ageOn !== undefined ? { ageOn: options.ageOn } : {}) });
  } catch (e) {
    if (e instanceof FimError && e.code === 'AGE_ON_INVALID') throw new CliError('USAGE', cliMessage(locale, 'fimAgeOnInvalid', { value: options.ageOn ?? '' }));
    if (e instanceof FimError) throw new CliError('FILE_UNREADABLE', `${options.file}: ${e.message}`);
    throw e;
  }
  const { program, report } = imported;
  try {
    loadProgram(program);
  } catch (e) {
    if (!(e instanceof ProgramError)) throw e;
    io.stderr(`${options.file}: the imported program does not pass the checks: ${e.message}\n`);
    return 1;
  }
  await writeOutput(path.resolve(io.cwd, options.out), JSON.stringify(program, null, 2) + '\n', options.out, locale);
  for (const skip of report.codeLists.skipped) {
    io.stderr(cliMessage(locale, 'fimCodeListSkipped', { file: path.join(options.codelists ?? '', skip.name), reason: cliMessage(locale, SKIP_REASONS[skip.code]) }) + '\n');
  }
  for (const w of report.warnings.filter((w) => w.code !== 'RULE_NOT_UNDERSTOOD' && w.code !== 'RULE_NOT_APPLIED')) {
    io.stderr(cliMessage(locale, 'fimWarning', { code: w.code, id: w.fimId, message: warningText(w, locale) }) + '\n');
  }
  if (report.codeLists.unresolved.length > 0) {
    io.stderr(cliMessage(locale, 'fimCodeListsUnresolved', { count: report.codeLists.unresolved.length, lists: report.codeLists.unresolved.join(', ') }) + '\n');
  }
  for (const r of report.rules.filter((r) => r.status !== 'applied')) {
    io.stderr(cliMessage(locale, r.status === 'not-applied' ? 'fimRuleNotApplied' : 'fimRuleNotUnderstood', { id: r.id, reason: r.reason ? ruleReasonText(r.reason, locale) : r.note, text: r.text.replace(/\s+/g, ' ') }) + '\n');
  }
  io.stdout(
    cliMessage(locale, 'importedFim', {
      file: options.out,
      id: report.fimId,
      version: report.fimVersion,
      standard: report.standard,
      fields: cliMessage(locale, 'fields', { count: report.fields }),
      groups: report.groups,
      applied: report.rules.filter((r) => r.status === 'applied').length,
      rules: report.rules.length,
    }) + '\n',
  );
  return 0;
}

const SKIP_REASONS = { NOT_XML: 'fimSkipNotXml', XDATENFELDER: 'fimSkipXdatenfelder', NOT_GENERICODE: 'fimSkipNotGenericode', TOO_LARGE: 'fimSkipTooLarge' } as const;

async function readInput(file: string, cwd: string, locale: string): Promise<Buffer> {
  try {
    return await readFile(path.resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('FILE_NOT_FOUND', cliMessage(locale, 'fileNotFound', { file }));
    throw new CliError('FILE_UNREADABLE', cliMessage(locale, 'fileUnreadable', { file, detail: e instanceof Error ? e.message : String(e) }));
  }
}
