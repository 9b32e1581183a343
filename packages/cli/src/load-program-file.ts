import { loadProgram, ProgramError, type Issue, type Program } from '@civicflow/core';
import { readProgramFile, type ProgramSource } from './read-program-file.js';

/** A problem `loadProgram` found, with the place in the file its pointer lands on. */
export interface Problem extends Issue {
  readonly line: number;
  readonly column: number;
}

/** A program file after checking: the program, or every problem in it. */
export type LoadedProgramFile =
  | { readonly source: ProgramSource; readonly program: Program; readonly problems: readonly [] }
  | { readonly source: ProgramSource; readonly program: undefined; readonly problems: readonly Problem[] };

/**
 * Reads a program file and checks it with core's `loadProgram`. Problems in the program come back as a
 * value, each placed at a line and column; only failures to read the file throw.
 *
 * @throws CliError when the file cannot be read or is not JSON.
 */
export async function loadProgramFile(file: string, options: { cwd: string; locale: string }): Promise<LoadedProgramFile> {
  const source = await readProgramFile(file, options);
  try {
    return { source, program: loadProgram(source.value, { locale: options.locale }), problems: [] };
  } catch (e) {
    if (!(e instanceof ProgramError)) throw e;
    const problems = e.issues.map((issue) => {
      const { line, column } = source.locator.locate(issue.pointer);
      return { ...issue, line, column };
    });
    return { source, program: undefined, problems };
  }
}
