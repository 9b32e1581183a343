import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { cliMessage } from './cli-messages.js';
import { formatProblems } from './format-problems.js';
import { loadProgramFile } from './load-program-file.js';

export interface PublishOptions {
  /** Path of the program file, relative to `io.cwd`. */
  file: string;
  /** The server's base URL, such as `https://formulare.example.org`. */
  server: string;
  /** A bearer token with the role `<program>:publish`. */
  token: string;
  /** Language of the messages, the server's included (`de` or `en`). */
  locale?: string;
  /** Print the server's JSON answer instead of a line. */
  json?: boolean;
  /** How HTTP requests are made; `fetch` by default (tests pass an app's). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

interface PublishedAnswer {
  created: boolean;
  version: { ref: string; hash: string; publishedAt?: string; current: boolean };
}

interface ErrorAnswer {
  code: string;
  message: string;
  problems?: { code: string; pointer: string; message: string; params: Record<string, unknown> }[];
}

/**
 * `civicflow publish`: checks a program file as `civicflow check` does, then publishes it to a server
 * (`POST /v1/programs/{id}/versions`), which checks it again, stores it for good and serves it at once.
 *
 * @returns the exit code: 0 published (now, or before with the same definition), 1 the program has problems or the
 *   server refused it (another definition under its version, no publish role), 2 usage error, a file that cannot be
 *   read, or a server that cannot be reached.
 */
export async function runPublish(options: PublishOptions, io: CliIo): Promise<number> {
  const locale = options.locale ?? 'en';
  const { file } = options;
  const loaded = await loadProgramFile(file, { cwd: io.cwd, locale });
  if (!loaded.program) {
    io.stdout(formatProblems(file, loaded.problems, locale));
    return 1;
  }
  const program = loaded.program;
  const base = URL.canParse(options.server) ? new URL(options.server) : undefined;
  if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
    throw new CliError('USAGE', cliMessage(locale, 'serverUnreachable', { server: options.server, detail: 'not an http or https URL' }));
  }
  const url = new URL(`v1/programs/${encodeURIComponent(program.id)}/versions`, base.href.endsWith('/') ? base : `${base.href}/`).href;
  let res: Response;
  try {
    // The file's own text: the server keeps the designer's order of keys and fields.
    res = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', 'accept-language': locale },
      body: loaded.source.text,
    });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new CliError('SERVER_UNAVAILABLE', cliMessage(locale, 'serverUnreachable', { server: base.origin, detail: cause ?? (e as Error).message }));
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (res.ok && body && typeof body === 'object' && 'version' in body) {
    const answer = body as PublishedAnswer;
    if (options.json) io.stdout(JSON.stringify(answer, null, 2) + '\n');
    else {
      const at = answer.version.publishedAt ?? '';
      io.stdout(
        (answer.created
          ? cliMessage(locale, 'published', { ref: answer.version.ref, hash: answer.version.hash.slice(0, 12), at, current: answer.version.current ? answer.version.ref : program.id })
          : cliMessage(locale, 'publishedBefore', { ref: answer.version.ref, at })) + '\n',
      );
    }
    return 0;
  }
  if (!body || typeof body !== 'object' || typeof (body as ErrorAnswer).code !== 'string') {
    throw new CliError('SERVER_UNAVAILABLE', cliMessage(locale, 'serverAnswerInvalid', { server: base.origin, status: res.status }));
  }
  const error = body as ErrorAnswer;
  if (options.json) {
    io.stdout(JSON.stringify(error, null, 2) + '\n');
    return 1;
  }
  if (error.problems) {
    // The server's problems, placed in the file as civicflow check places its own.
    const problems = error.problems.map((p) => ({ ...p, code: p.code as never, ...loaded.source.locator.locate(p.pointer) }));
    io.stdout(formatProblems(file, problems, locale));
  }
  io.stderr(cliMessage(locale, 'publishRefused', { ref: program.ref, message: error.message, code: error.code }) + '\n');
  return 1;
}
