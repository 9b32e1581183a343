import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { cliMessage } from './cli-messages.js';
import { formatProblems } from './format-problems.js';
import { generateTypes } from './generate-types.js';
import { loadProgramFile } from './load-program-file.js';
import { writeOutput } from './write-output.js';

export interface TypesOptions {
  /** Path of the program file, relative to `io.cwd`. */
  file: string;
  /** Where to write the declarations; standard output when absent. */
  out?: string;
  /** Language of the messages (`de` or `en`); the JSDoc uses the program's first locale. */
  locale?: string;
}

/**
 * `civicflow types`: checks a program file and writes TypeScript declarations of its forms' data.
 *
 * @returns the exit code: 0 when written, 1 when the program has problems (printed to stderr), 2 when a
 *   file cannot be read or written.
 */
export async function runTypes(options: TypesOptions, io: CliIo): Promise<number> {
  const locale = options.locale ?? 'en';
  const { program, problems } = await loadProgramFile(options.file, { cwd: io.cwd, locale });
  if (!program) {
    io.stderr(formatProblems(options.file, problems, locale));
    return 1;
  }
  let generated;
  try {
    generated = await generateTypes(program);
  } catch (e) {
    io.stderr(`${options.file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (options.out === undefined) {
    io.stdout(generated.source);
    return 0;
  }
  await writeOutput(path.resolve(io.cwd, options.out), generated.source, options.out, locale);
  io.stdout(cliMessage(locale, 'wroteTypes', { file: options.out, names: Object.values(generated.names).join(', ') }) + '\n');
  return 0;
}
