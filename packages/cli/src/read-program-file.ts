import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli-error.js';
import { cliMessage } from './cli-messages.js';
import { createJsonLocator, JsonSyntaxError, type JsonLocator } from './json-locator.js';

/** A program file read from disk: its text, parsed value and a locator for pointers into it. */
export interface ProgramSource {
  /** The path as the user wrote it, so messages point where they looked. */
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  readonly locator: JsonLocator;
}

/**
 * Reads and parses a program file.
 *
 * @throws CliError `FILE_NOT_FOUND`, `FILE_UNREADABLE` or `NOT_JSON` (with the line and column of the first
 *   syntax error), in the given locale.
 */
export async function readProgramFile(file: string, options: { cwd: string; locale: string }): Promise<ProgramSource> {
  let text: string;
  try {
    text = await readFile(path.resolve(options.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('FILE_NOT_FOUND', cliMessage(options.locale, 'fileNotFound', { file }));
    if (code === 'EISDIR') throw new CliError('FILE_UNREADABLE', cliMessage(options.locale, 'isDirectory', { file }));
    const detail = e instanceof Error ? e.message : String(e);
    throw new CliError('FILE_UNREADABLE', cliMessage(options.locale, 'fileUnreadable', { file, detail }));
  }
  // Editors on Windows like to start UTF-8 files with a byte order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let locator: JsonLocator;
  try {
    locator = createJsonLocator(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const position = lineAndColumn(text, e.offset);
    throw new CliError('NOT_JSON', cliMessage(options.locale, 'notJson', { file, ...position, detail: e.message }), position);
  }
  return { file, text, value: JSON.parse(text), locator };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
