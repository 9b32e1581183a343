import { checkMigration, type Program } from '@civicflow/core';
import { formLayout, localeFallbacks } from '@civicflow/core/runtime';
import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { cliMessage } from './cli-messages.js';
import { firstKeys, formatProblems } from './format-problems.js';
import { loadProgramFile } from './load-program-file.js';

export interface CheckOptions {
  /** Path of the program file, relative to `io.cwd`. */
  file: string;
  /** Language of the messages (`de` or `en`); English by default. */
  locale?: string;
  /** Print one JSON document instead of lines, for scripts and CI. */
  json?: boolean;
  /**
   * Files of older versions of the program: the file's `versions.migrations` is checked against each (the states it
   * maps exist there, every open state is mapped or kept, the fields it moves and removes are fields of its forms).
   */
  from?: readonly string[];
}

function formsOf(program: Program): Record<string, { fields: number; pages: number }> {
  const out: Record<string, { fields: number; pages: number }> = {};
  for (const [id, form] of Object.entries(program.definition.forms)) {
    const layout = formLayout(form);
    out[id] = { fields: layout.fields.length, pages: layout.pages.length };
  }
  return out;
}

/** A locale that falls back to another declared one (`de-x-ls` to `de`), with the texts it takes from there. */
export interface TextsFromFallback {
  readonly from: string;
  readonly keys: readonly string[];
}

/** Per locale that falls back to another, the texts it does not have itself (a sound program may lack any of them). */
export function textsFromFallback(program: Program): Record<string, TextsFromFallback> {
  const { locales } = program;
  const texts = program.definition.texts ?? {};
  const out: Record<string, TextsFromFallback> = {};
  for (const locale of locales) {
    const from = localeFallbacks(locale).slice(1).find((f) => locales.includes(f));
    if (from === undefined) continue;
    const own = texts[locale] ?? {};
    const keys = new Set<string>();
    for (const l of localeFallbacks(locale).slice(1)) for (const key of Object.keys(texts[l] ?? {})) if (!Object.hasOwn(own, key)) keys.add(key);
    out[locale] = { from, keys: [...keys].sort() };
  }
  return out;
}

/**
 * `civicflow check`: checks a program file and prints every problem at its line, column and pointer, or a
 * one-line summary when there is none.
 *
 * @returns the exit code: 0 for a sound program, 1 when it has problems, 2 when the file cannot be read or
 *   is not JSON.
 */
export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  const locale = options.locale ?? 'en';
  const { file } = options;
  let loaded;
  try {
    loaded = await loadProgramFile(file, { cwd: io.cwd, locale });
  } catch (e) {
    if (!(e instanceof CliError) || !options.json) throw e;
    io.stdout(JSON.stringify({ file, ok: false, error: { code: e.code, message: e.message, ...e.position } }, null, 2) + '\n');
    return e.exitCode;
  }
  const { program, problems } = loaded;
  if (!program) {
    io.stdout(options.json ? JSON.stringify({ file, ok: false, problems }, null, 2) + '\n' : formatProblems(file, problems, locale));
    return 1;
  }
  for (const older of options.from ?? []) {
    const previous = await loadProgramFile(older, { cwd: io.cwd, locale });
    if (!previous.program) {
      io.stdout(options.json ? JSON.stringify({ file: older, ok: false, problems: previous.problems }, null, 2) + '\n' : formatProblems(older, previous.problems, locale));
      return 1;
    }
    const issues = checkMigration(previous.program, program, locale);
    if (issues.length > 0) {
      const placed = issues.map((i) => ({ ...i, ...loaded.source.locator.locate(i.pointer) }));
      io.stdout(options.json ? JSON.stringify({ file, ok: false, problems: placed }, null, 2) + '\n' : formatProblems(file, placed, locale));
      return 1;
    }
  }
  const forms = formsOf(program);
  if (options.json) {
    const { id, version, ref, hash, locales } = program;
    const fallbacks = textsFromFallback(program);
    io.stdout(JSON.stringify({ file, ok: true, program: { id, version, ref, hash, locales, forms, textsFromFallback: fallbacks }, problems: [] }, null, 2) + '\n');
    return 0;
  }
  const formCount = Object.keys(forms).length;
  const fieldCount = Object.values(forms).reduce((sum, f) => sum + f.fields, 0);
  const summary = cliMessage(locale, 'ok', {
    ref: program.ref,
    forms: cliMessage(locale, 'forms', { count: formCount }),
    fields: cliMessage(locale, 'fields', { count: fieldCount }),
    locales: program.locales.join(', '),
    hash: program.hash,
  });
  // What a reader of a variant such as Leichte Sprache sees in the language it falls back to: not a problem, but worth knowing.
  const notes = Object.entries(textsFromFallback(program))
    .filter(([, f]) => f.keys.length > 0)
    .map(([l, f]) => cliMessage(locale, 'textsFromFallback', { locale: l, from: f.from, count: f.keys.length, keys: firstKeys(f.keys) }));
  io.stdout([summary, ...notes].join('\n') + '\n');
  return 0;
}
