import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildValidatorsModule } from '@civicflow/core/build';
import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { cliMessage } from './cli-messages.js';
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
 * `civicflow build`: checks a program file and writes what a browser or server needs to validate without
 * compiling schemas: `<id>.validators.js` (precompiled validators, one ES module without imports) and
 * `<id>.program.json` (the checked definition, whole). Prints each file's size, raw and gzipped.
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
  const known = Object.keys(program.definition.forms);
  const unknown = (options.forms ?? []).filter((f) => !known.includes(f));
  if (unknown.length > 0) {
    throw new CliError('USAGE', `${options.file} has no form ${unknown.map((f) => `"${f}"`).join(', ')}; its forms are ${known.join(', ')}`);
  }
  const outputs: [string, string][] = [
    [`${program.id}.validators.js`, await buildValidatorsModule(program, { minify: options.minify ?? false, ...(options.forms ? { forms: options.forms } : {}) })],
    [`${program.id}.program.json`, JSON.stringify(program.definition, null, options.minify ? undefined : 2) + '\n'],
  ];
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
