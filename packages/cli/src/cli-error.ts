/** Codes of the failures that stop a command before it can judge a program or reach a store. Callers branch on these. */
export type CliErrorCode = 'USAGE' | 'FILE_NOT_FOUND' | 'FOLDER_NOT_FOUND' | 'FILE_UNREADABLE' | 'NOT_JSON' | 'WRITE_FAILED' | 'STORE_UNAVAILABLE' | 'SERVER_UNAVAILABLE';

/**
 * A failure of the command itself rather than a problem in the program: bad arguments, a file that cannot
 * be read or written, text that is not JSON. Every command exits with 2 for it, so scripts can tell it
 * apart from a program with problems (exit 1).
 */
export class CliError extends Error {
  readonly exitCode = 2;

  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** Where in the file the failure is, for `NOT_JSON`. */
    readonly position?: { line: number; column: number },
  ) {
    super(message);
    this.name = 'CliError';
  }
}
