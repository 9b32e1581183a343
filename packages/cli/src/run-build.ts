import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBrowserFiles, buildValidatorsModule } from '@civicflow/build';
import { listFormFields, loadableLocaleOf, matchLocale, type JsonSchema } from '@civicflow/core';
import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { cliMessage, cliQuote, type MessageKey } from './cli-messages.js';
import { formatProblems } from './format-problems.js';
import { loadProgramFile } from './load-program-file.js';
import { writeOutput } from './write-output.js';

export interface BuildOptions {
  /** Path of the program file, relative to `io.cwd`. */
  file: string;
  /** The output directory, created when missing. */
  out: string;
  /** Compact output: no indentation in the JSON, minified code in the module. */
  minify?: boolean;
  /** Only these forms in the validators module (a page that shows one form loads less); default all. */
  forms?: readonly string[];
  /** Only the texts of these of the program's locales in the validators module; default all. */
  locales?: readonly string[];
  /**
   * The files for web pages instead of one validators module with the definition inside: compact, minified
   * validators in `<name>.validators.js`, the definition per locale in `<name>.<locale>.json` beside it and, for a
   * program that tells applicants what comes next, those texts per locale in `<name>.notes.<locale>.json` (see
   * `buildBrowserFiles` in `@civicflow/build`). Implies `minify`.
   */
  browser?: boolean;
  /**
   * With `browser`: where the page will find the files (a path or URL ending in `/`), for the preload lines of
   * `<name>.preload.<locale>.html`; default: beside the page.
   */
  publicPath?: string;
  /**
   * With `browser`: where the page finds `cf-form.embed.js` and the files beside it (a path or URL ending in `/`).
   * Given, each `<name>.preload.<locale>.html` gets a third line for the widget's own words of the first screen in that
   * language (`cf-form.locale-<tag>.js`), which the embed file would otherwise ask for only once it runs; the rest of
   * them come with the validation code and need no line.
   */
  embedPath?: string;
  /** Language of the messages (`de` or `en`); English by default. */
  locale?: string;
}

/** One file `civicflow build` wrote, with its sizes in bytes. */
export interface BuiltFile {
  /** The path, as shown (relative when `out` was). */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

function formatBytes(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

/**
 * The start of the file names of `--browser`: the program id, and the chosen forms joined with `-`, so the
 * files of two pages of one program (`zweite-chance-intake`, `zweite-chance-followUp`) can share a directory.
 */
function browserFilesName(programId: string, forms?: readonly string[]): string {
  return [programId, ...(forms ?? [])].join('-');
}

/**
 * The file beside the embed with the widget's words of the first screen for a page in `locale`: the locale's own
 * (`cf-form.locale-ar.js`), else the German or English one it falls back to, as `<cf-form>` picks them.
 */
export function widgetWordsFile(locale: string): string {
  return `cf-form.locale-${loadableLocaleOf(locale) ?? matchLocale(locale, ['de', 'en']) ?? 'en'}.js`;
}

/**
 * A `<name>.preload.<locale>.html` with the lines that fetch files beside the embed file: the widget's words for that
 * locale, for forms with periods (`periods`) `cf-form.closed.js`, which the widget imports for such a form to
 * decide whether it is open, and for forms with derived values (`derived`) `cf-form.sending.js`, which words their
 * outputs and which the widget imports as soon as such a form is shown.
 */
function withWidgetWords(name: string, content: string, embedPath: string | undefined, periods: boolean, derived: boolean): string {
  const locale = /\.preload\.(.+)\.html$/.exec(name)?.[1];
  if (embedPath === undefined || locale === undefined) return content;
  const files = [widgetWordsFile(locale), ...(periods ? ['cf-form.closed.js'] : []), ...(derived ? ['cf-form.sending.js'] : [])];
  const link = (file: string) => `<link rel="modulepreload" href="${(embedPath + file).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}">\n`;
  return content + files.map(link).join('');
}

/** Refuses names that are not among the program's (forms or locales), listing the ones it has. */
function refuseUnknown(key: MessageKey, asked: readonly string[] | undefined, known: readonly string[], file: string, locale: string): void {
  const unknown = (asked ?? []).filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const names = unknown.map((name) => cliQuote(locale, name)).join(', ');
  throw new CliError('USAGE', cliMessage(locale, key, { file, names, known: known.join(', '), count: unknown.length }));
}

/** The names without repeats, in the order first given. */
function distinct(names: readonly string[] | undefined): readonly string[] | undefined {
  return names && [...new Set(names)];
}

/**
 * `civicflow build`: checks a program file and writes what a browser or server needs to validate without
 * compiling schemas: `<id>.validators.js` (precompiled validators, one ES module without imports) and
 * `<id>.program.json` (the checked definition, whole). With `browser`, the validators module is the compact
 * one for web pages, `<name>.validators.js`, with the definition per locale beside it in `<name>.<locale>.json`
 * (and what applicants are told in `<name>.notes.<locale>.json`). Prints each file's size, raw and gzipped.
 *
 * @returns the exit code: 0 when built, 1 when the program has problems (printed to stderr), 2 when a file
 *   cannot be read or written.
 */
export async function runBuild(options: BuildOptions, io: CliIo): Promise<number> {
  const locale = options.locale ?? 'en';
  const { program, problems } = await loadProgramFile(options.file, { cwd: io.cwd, locale });
  if (!program) {
    io.stderr(formatProblems(options.file, problems, locale));
    return 1;
  }
  const forms = distinct(options.forms);
  const locales = distinct(options.locales);
  refuseUnknown('unknownForms', forms, Object.keys(program.definition.forms), options.file, locale);
  refuseUnknown('unknownLocales', locales, program.locales, options.file, locale);
  if (options.publicPath !== undefined && (!options.browser || !options.publicPath.endsWith('/'))) {
    throw new CliError('USAGE', cliMessage(locale, 'publicPathInvalid', { path: options.publicPath }));
  }
  if (options.embedPath !== undefined && (!options.browser || !options.embedPath.endsWith('/'))) {
    throw new CliError('USAGE', cliMessage(locale, 'embedPathInvalid', { path: options.embedPath }));
  }
  const minify = options.browser === true || options.minify === true;
  const definition = program.definition;
  const periods = (forms ?? Object.keys(definition.forms)).some((id) => (definition.forms[id]?.submissions ?? definition.submissions) !== undefined);
  const derived = (forms ?? Object.keys(definition.forms)).some((id) => {
    const schema = definition.forms[id]?.schema;
    return schema !== undefined && listFormFields(schema as JsonSchema).some((f) => f.schema['x-derived'] !== undefined);
  });
  const selection = { ...(forms ? { forms } : {}), ...(locales ? { locales } : {}) };
  const validators: [string, string][] = options.browser
    ? Object.entries(await buildBrowserFiles(program, { ...selection, name: browserFilesName(program.id, forms), minify: true, ...(options.publicPath !== undefined ? { publicPath: options.publicPath } : {}) })).map(
        ([name, content]): [string, string] => [name, withWidgetWords(name, content, options.embedPath, periods, derived)],
      )
    : [[`${program.id}.validators.js`, await buildValidatorsModule(program, { ...selection, minify })]];
  const outputs: [string, string][] = [...validators, [`${program.id}.program.json`, JSON.stringify(program.definition, null, minify ? undefined : 2) + '\n']];
  const written: BuiltFile[] = [];
  for (const [name, content] of outputs) {
    const shown = path.join(options.out, name);
    await writeOutput(path.resolve(io.cwd, options.out, name), content, shown, locale);
    const raw = Buffer.from(content, 'utf8');
    written.push({ file: shown, bytes: raw.length, gzipBytes: gzipSync(raw).length });
  }
  const width = Math.max(...written.map((w) => w.file.length));
  const lines = written.map((w) => `  ${w.file.padEnd(width)}  ${formatBytes(w.bytes).padStart(9)}  gzip ${formatBytes(w.gzipBytes).padStart(9)}`);
  io.stdout([cliMessage(locale, 'built', { ref: program.ref, dir: options.out }), ...lines].join('\n') + '\n');
  return 0;
}
