import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli-error.js';
import { cliMessage } from './cli-messages.js';

/**
 * Writes a file, creating its directory. The content goes to a temporary file that is then renamed, so a
 * dev server or bundler watching the output never picks up half a file.
 *
 * @throws CliError `WRITE_FAILED`, with the path as the user wrote it (`shownAs`).
 */
export async function writeOutput(absolutePath: string, content: string, shownAs: string, locale: string): Promise<void> {
  const temp = `${absolutePath}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(absolutePath), { recursive: true });
    await writeFile(temp, content);
    await rename(temp, absolutePath);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    const detail = e instanceof Error ? e.message : String(e);
    throw new CliError('WRITE_FAILED', cliMessage(locale, 'writeFailed', { file: shownAs, detail }));
  }
}
