import path from 'node:path';
import { CliError } from './cli-error.js';
import { cliMessage } from './cli-messages.js';
import type { CliIo } from './cli-io.js';
import { startDevServer } from './dev-server.js';

export interface DevOptions {
  file: string;
  port?: number;
  locale?: string;
}

/**
 * `civicflow dev`: serves the live preview until the process is interrupted.
 *
 * @returns the exit code: 0 after Ctrl-C; 2 when the port cannot be opened or the program's folder does not exist.
 */
export async function runDev(options: DevOptions, io: CliIo, until: Promise<unknown> = interrupted()): Promise<number> {
  let server;
  try {
    server = await startDevServer({ file: options.file, cwd: io.cwd, ...(options.port === undefined ? {} : { port: options.port }), ...(options.locale ? { locale: options.locale } : {}) });
  } catch (e) {
    if (e instanceof CliError && e.code === 'FOLDER_NOT_FOUND') {
      io.stderr(`civicflow dev: ${cliMessage(options.locale ?? 'en', 'folderMissing', { file: options.file, folder: path.dirname(options.file) })}\n`);
      return 2;
    }
    io.stderr(`civicflow dev: cannot listen on 127.0.0.1:${options.port ?? 4321}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const first = server.snapshot();
  const state = cliMessage(options.locale ?? 'en', 'problems', { count: first.program ? 0 : first.problems.length || 1, file: options.file });
  io.stdout(`civicflow dev: ${server.url} (${state}); designer: ${server.url}designer; Ctrl-C to stop\n`);
  await until;
  await server.close();
  return 0;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
