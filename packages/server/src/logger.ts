/** One line of the server's log. Callers put in codes, counts, ids and timings, never submitted data. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

export interface Logger {
  log(entry: LogEntry): void;
}

/** A logger that writes one JSON object per line (to stderr by default), with the time first. */
export function createJsonLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  return { log: (entry) => write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n') };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = { log: () => {} };

/**
 * What an unexpected error may put in the log: its class, its code and its stack frames. The message line is left
 * out because driver messages can quote the values of a failing row.
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { errorType: typeof err };
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).map((l) => l.trim());
  const code = (err as { code?: unknown }).code;
  return { errorType: err.name, ...(typeof code === 'string' ? { errorCode: code } : {}), frames };
}
