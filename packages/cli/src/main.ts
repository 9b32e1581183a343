import { createRequire } from 'node:module';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { cliLocales, cliMessage } from './cli-messages.js';
import { runBuild } from './run-build.js';
import { runCheck } from './run-check.js';
import { runDev } from './run-dev.js';
import { runErase } from './run-erase.js';
import { runPublish } from './run-publish.js';
import { runMigrate, type MigrateCommand } from './run-migrate.js';
import { runImportFim } from './run-import-fim.js';
import { runTypes } from './run-types.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | string[] | undefined>;

interface Command {
  readonly usage: string;
  readonly options: Options;
  /** Runs on the one program file given. */
  run?(file: string, values: Values, io: CliIo): Promise<number>;
  /** Runs on the cases given (one or more), for a command that works on a store rather than on a program. */
  runOnCases?(cases: readonly string[], values: Values, io: CliIo): Promise<number>;
  /** Runs on its own positional arguments (a subcommand and a name), which it checks itself. */
  runOnArgs?(args: readonly string[], values: Values, io: CliIo): Promise<number>;
}

const locale: Options = { locale: { type: 'string' } };

/** The names of an option like `--forms a,b` (spaces and empty entries dropped); undefined when not given. */
function commaList(value: Values[string]): string[] | undefined {
  return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : undefined;
}

const commands: Readonly<Record<string, Command>> = {
  check: {
    usage: `Usage: civicflow check <program.json> [--from <older program.json>]... [--locale de|en] [--json]

Checks a program definition: the program format, the form schemas, the UI, the texts in every locale,
patterns that could backtrack, the workflow. Prints every problem as
  file:line:column: CODE /json/pointer: message
or, when there is none, one line with the forms, fields, locales and content hash.

Options:
  --from <file>   an older version of the program: checks the migration of its open cases that this file's
                  versions.migrations describes against it (repeatable)
  --locale de|en  language of the messages (default en)
  --json          print one JSON document: { file, ok, program?, problems, error? }
  -h, --help      show this help

Exit codes: 0 no problems, 1 problems found, 2 usage error or unreadable / non-JSON file.`,
    options: { ...locale, json: { type: 'boolean' }, from: { type: 'string', multiple: true } },
    run: (file, values, io) =>
      runCheck({ file, locale: values['locale'] as string | undefined, json: values['json'] === true, ...(values['from'] ? { from: values['from'] as string[] } : {}) }, io),
  },
  types: {
    usage: `Usage: civicflow types <program.json> [-o <file.d.ts>] [--locale de|en]

Writes TypeScript declarations of the data of every form: one interface per form (the form "intake"
becomes IntakeData, "follow_up" FollowUpData), documented with the field labels in the program's first
locale, and an interface Forms that maps form ids to them. The program is checked first.

Options:
  -o, --out <file>  where to write the declarations (default: standard output)
  --locale de|en    language of the messages (default en)
  -h, --help        show this help

Exit codes: 0 written, 1 the program has problems, 2 usage error or a file that cannot be read or written.`,
    options: { ...locale, out: { type: 'string', short: 'o' } },
    run: (file, values, io) => runTypes({ file, out: values['out'] as string | undefined, locale: values['locale'] as string | undefined }, io),
  },
  build: {
    usage: `Usage: civicflow build <program.json> -o <dir> [--browser [--public-path <path/>] [--embed-path <path/>]] [--forms <id,...>] [--locales <l,...>] [--minify] [--locale de|en]

Checks the program and writes into <dir>:
  <id>.validators.js  precompiled validators: an ES module without imports that validates without eval,
                      for fromValidatorsModule() in @civicflow/core/runtime
  <id>.program.json   the checked definition
and prints the size of each, raw and gzipped.

With --browser, the files for web pages instead of <id>.validators.js, to be served side by side:
  <name>.validators.js    compact, minified validators without the definition; <cf-form src> points here
  <name>.<locale>.json    the definition in one locale, one file per locale, fetched by <cf-form>
  <name>.preload.<locale>.html
                          two lines for the <head> of a page in that language, so that the browser fetches
                          the module and the words at once with the widget (not served; paste them); with
                          --embed-path a third for the widget's own words in that language
<name> is the program id, followed by the --forms joined with "-" (--forms intake: <id>-intake).

Options:
  -o, --out <dir>      the output directory, created when missing (required)
  --browser            the files for web pages (above); implies --minify
  --public-path <p/>   where the page finds those files, e.g. /cf/zweite-chance/1.0.0/ (default: beside the page)
  --embed-path <p/>    where the page finds cf-form.embed.js and the files beside it, e.g. /civicflow/
  --forms <id,...>     only these forms in the validators module, e.g. --forms intake (default: all)
  --locales <l,...>    only these of the program's locales, e.g. --locales de (default: all)
  --minify             minified module, JSON without indentation
  --locale de|en       language of the messages (default en)
  -h, --help           show this help

Exit codes: 0 built, 1 the program has problems, 2 usage error or a file that cannot be read or written.`,
    options: { ...locale, out: { type: 'string', short: 'o' }, minify: { type: 'boolean' }, browser: { type: 'boolean' }, 'public-path': { type: 'string' }, 'embed-path': { type: 'string' }, forms: { type: 'string' }, locales: { type: 'string' } },
    run: (file, values, io) => {
      const out = values['out'];
      if (typeof out !== 'string') throw new CliError('USAGE', 'the output directory is missing: add -o <dir>');
      const forms = commaList(values['forms']);
      if (forms && forms.length === 0) throw new CliError('USAGE', '--forms names no form');
      const locales = commaList(values['locales']);
      if (locales && locales.length === 0) throw new CliError('USAGE', '--locales names no locale');
      return runBuild(
        { file, out, minify: values['minify'] === true, browser: values['browser'] === true, ...(values['public-path'] !== undefined ? { publicPath: values['public-path'] as string } : {}), ...(values['embed-path'] !== undefined ? { embedPath: values['embed-path'] as string } : {}), locale: values['locale'] as string | undefined, ...(forms ? { forms } : {}), ...(locales ? { locales } : {}) },
        io,
      );
    },
  },
  dev: {
    usage: `Usage: civicflow dev <program.json> [--port <n>] [--locale de|en]

A live preview for program designers on http://127.0.0.1:<port>/: every form in every locale (rendered by
<cf-form> with the program's precompiled validators), the workflow diagram, and every problem civicflow check
finds. The file is checked again on each save and the page reloads by itself. /designer opens the program
designer on the file: it saves back to it, and asks before it saves a program civicflow check refuses.
Runs until Ctrl-C.

Options:
  --port <n>      the port (default 4321; 0 picks a free one)
  --locale de|en  language of the problem messages (default en)
  -h, --help      show this help

Exit codes: 0 stopped with Ctrl-C, 2 usage error or a port that cannot be opened.`,
    options: { ...locale, port: { type: 'string' } },
    run: (file, values, io) => {
      const port = values['port'] === undefined ? undefined : Number(values['port']);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new CliError('USAGE', `--port must be a number from 0 to 65535`);
      return runDev({ file, ...(port === undefined ? {} : { port }), ...(typeof values['locale'] === 'string' ? { locale: values['locale'] } : {}) }, io);
    },
  },
  'import-fim': {
    usage: `Usage: civicflow import-fim <file.xml> -o <program.json> [--codelists <dir>] [--age-on <YYYY-MM-DD>] [--locale de|en]

Turns a FIM XDatenfelder 2.0 or 3.0.0 file (Stammdatenschema, Datenfeldgruppe or Datenfeld) into a program
with one form and German texts, checks it and writes it. Prints what could not be carried over: code lists
not supplied (those fields become free text) and every rule that did not become a condition, with its id
and text. Files over 10 MiB, with a DOCTYPE, or whose groups contain themselves are refused.

Options:
  -o, --out <file>       where to write the program (required)
  --codelists <dir>      a directory with the genericode code lists the fields reference (other files in it are skipped)
  --age-on <YYYY-MM-DD>  the day ages are counted on when a rule names none ("mindestens 18 Jahre alt"), e.g. the call's closing date
  --locale de|en         language of the messages (default en)
  -h, --help             show this help

Exit codes: 0 written, 1 the imported program does not pass the checks, 2 usage error or a file that cannot
be read, parsed or written.`,
    options: { ...locale, out: { type: 'string', short: 'o' }, codelists: { type: 'string' }, 'age-on': { type: 'string' } },
    run: (file, values, io) => {
      const out = values['out'];
      if (typeof out !== 'string') throw new CliError('USAGE', 'the output file is missing: add -o <program.json>');
      const codelists = values['codelists'] as string | undefined;
      const ageOn = values['age-on'] as string | undefined;
      return runImportFim({ file, out, locale: values['locale'] as string | undefined, ...(codelists !== undefined ? { codelists } : {}), ...(ageOn !== undefined ? { ageOn } : {}) }, io);
    },
  },
  publish: {
    usage: `Usage: civicflow publish <program.json> --server <url> --token <token> [--json] [--locale de|en]

Checks the program as civicflow check does, then publishes it to a running civicflow server, which checks it
again, stores it for good (with its hash, who published it and when) and serves it at once, in every server
process on the same database. New submissions go to the newest version; cases opened under older versions stay
on them. A version once published never changes: to change a program, publish it under a new version. See
docs/versions.md.

Options:
  --server <url>   the server's address, such as https://formulare.example.org (env CIVICFLOW_SERVER)
  --token <token>  a bearer token with the role <program>:publish (env CIVICFLOW_TOKEN, which other users of
                   the machine cannot read from the process list)
  --json           print the server's JSON answer
  --locale de|en   language of the messages, the server's included (default en)
  -h, --help       show this help

Exit codes: 0 published (now, or before with the same definition), 1 the program has problems or the server
refused it (another definition under the same version, no publish role), 2 usage error, a file that cannot be
read, or a server that cannot be reached.`,
    options: { ...locale, server: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } },
    run: (file, values, io) => {
      const lang = typeof values['locale'] === 'string' ? values['locale'] : 'en';
      const server = typeof values['server'] === 'string' ? values['server'] : process.env['CIVICFLOW_SERVER'] || undefined;
      const token = typeof values['token'] === 'string' ? values['token'] : process.env['CIVICFLOW_TOKEN'] || undefined;
      if (server === undefined) throw new CliError('USAGE', cliMessage(lang, 'serverMissing'));
      if (token === undefined) throw new CliError('USAGE', cliMessage(lang, 'tokenMissing'));
      return runPublish({ file, server, token, locale: lang, json: values['json'] === true }, io);
    },
  },
  migrate: {
    usage: `Usage: civicflow migrate dry-run <program id> --from <version> [--to <version>] --server <url> --token <token>
       civicflow migrate apply <program id> --from <version> [--to <version>] [--no-wait] --server <url> --token <token>
       civicflow migrate status <program id> [--run <id>] [--from <version>] --server <url> --token <token>

Moves the open cases of an older version of a program to a newer one, as the newer version's
versions.migrations says (states, data, timers), through a running civicflow server. See docs/versions.md.

  dry-run  what would happen, case by case and in sum, with the reasons of cases that would fail the newer
           version's forms; nothing changes
  apply    starts the run (the server processes carry it out, batch after batch, each case in its own
           transaction; a process killed meanwhile leaves nothing half done) and waits until it has finished,
           printing its progress; cases that fail stay on the older version and are listed
  status   the program's versions with their open cases, and its runs; with --run one run and its failures

Options:
  --from <version>  the older version (dry-run and apply: required)
  --to <version>    the newer version (default: the current one)
  --run <id>        status: one run
  --no-wait         apply: return once the run has started
  --server <url>    the server's address (env CIVICFLOW_SERVER)
  --token <token>   a bearer token with the role <program>:publish (env CIVICFLOW_TOKEN)
  --json            print the server's JSON answer
  --locale de|en    language of the messages, the server's included (default en)
  -h, --help        show this help

Exit codes: 0 done (a dry run or a run without failing cases, a status), 1 the server refused, or cases would
fail or failed, 2 usage error or a server that cannot be reached.`,
    options: { ...locale, server: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' }, run: { type: 'string' }, 'no-wait': { type: 'boolean' } },
    runOnArgs: (args, values, io) => {
      const lang = typeof values['locale'] === 'string' ? values['locale'] : 'en';
      const [command, program, ...rest] = args;
      if (command !== 'dry-run' && command !== 'apply' && command !== 'status') throw new CliError('USAGE', 'say dry-run, apply or status');
      if (program === undefined || rest.length > 0) throw new CliError('USAGE', 'name one program by its id');
      const server = typeof values['server'] === 'string' ? values['server'] : process.env['CIVICFLOW_SERVER'] || undefined;
      const token = typeof values['token'] === 'string' ? values['token'] : process.env['CIVICFLOW_TOKEN'] || undefined;
      if (server === undefined) throw new CliError('USAGE', cliMessage(lang, 'serverMissing'));
      if (token === undefined) throw new CliError('USAGE', cliMessage(lang, 'tokenMissing'));
      const str = (k: string) => (typeof values[k] === 'string' ? { [k]: values[k] as string } : {});
      if (command !== 'status' && values['from'] === undefined) throw new CliError('USAGE', 'the older version is missing: add --from <version>');
      return runMigrate({ command: command as MigrateCommand, program, server, token, locale: lang, json: values['json'] === true, wait: values['no-wait'] !== true, ...str('from'), ...str('to'), ...str('run') }, io);
    },
  },
  erase: {
    usage: `Usage: civicflow erase <reference or case id>... --store <folder or postgres URL> --reason <reference> --actor <id>
                      [--programs <path>]... [--schema <name>] [--json] [--locale de|en]

Erases the personal data of each case on request (Art. 17 GDPR), directly in the server's store: every field
the program marks x-personal-data, the case's running deadlines and the digests of its submissions, with one
audit entry per case (event civicflow:erasure, --actor, --reason and the pointers removed, never the values).
Fields the law obliges keeping (x-retention-basis) stay until their x-retention has passed, named with their
basis in the audit entry and the output; the retention run removes them then. What the program does not mark, the state, the outcomes and the history stay; the
case then takes no more events. A case erased before is left as it is. Each case is one transaction. The
same as POST /v1/cases/{caseId}/erasure, for an office without the HTTP API at hand or for several cases.

Options:
  --store <folder|url>  the server's store: its PGlite folder (the server must not be running), or a
                        PostgreSQL URL (postgres://…) (required)
  --schema <name>       the PostgreSQL schema of civicflow's tables, if the server was given one
  --programs <path>     a program.json or a folder of <name>/program.json, as given to the server;
                        repeatable (default examples)
  --reason <reference>  the office's reference for the request, such as a file number (required); it stays
                        in the audit trail, so never a name
  --actor <id>          who erases, as the audit trail names them: an id, not a name (required)
  --json                print one JSON document: { results: [{ case, status, caseId?, reference?, erasedAt?, changed?,
                        kept? }] }
  --locale de|en        language of the messages (default en)
  -h, --help            show this help

Exit codes: 0 every case erased (now or before), 1 a case was not found or follows a program version not
given (the others are erased all the same), 2 usage error, or a store or program that cannot be opened.`,
    options: { ...locale, store: { type: 'string' }, schema: { type: 'string' }, programs: { type: 'string', multiple: true }, reason: { type: 'string' }, actor: { type: 'string' }, json: { type: 'boolean' } },
    runOnCases: (cases, values, io) => {
      const store = values['store'];
      const reason = values['reason'];
      const actor = values['actor'];
      if (typeof store !== 'string') throw new CliError('USAGE', 'the store is missing: add --store <folder or postgres URL>');
      if (typeof reason !== 'string') throw new CliError('USAGE', 'the reason is missing: add --reason <reference of the request>');
      if (typeof actor !== 'string') throw new CliError('USAGE', 'who erases is missing: add --actor <id>');
      const programs = values['programs'] as string[] | undefined;
      return runErase(
        {
          cases,
          store,
          reason,
          actor,
          json: values['json'] === true,
          ...(typeof values['schema'] === 'string' ? { schema: values['schema'] } : {}),
          ...(programs ? { programs } : {}),
          ...(typeof values['locale'] === 'string' ? { locale: values['locale'] } : {}),
        },
        io,
      );
    },
  },
};

const generalUsage = `civicflow: check, type, build and publish civicflow program definitions; migrate open cases; import FIM schemas; erase a person's data

Usage:
  civicflow check <program.json> [--from <older program.json>]... [--locale de|en] [--json]
  civicflow types <program.json> [-o <file.d.ts>] [--locale de|en]
  civicflow build <program.json> -o <dir> [--browser] [--forms <id,...>] [--locales <l,...>] [--minify] [--locale de|en]
  civicflow dev <program.json> [--port <n>] [--locale de|en]
  civicflow import-fim <file.xml> -o <program.json> [--codelists <dir>] [--locale de|en]
  civicflow erase <reference or case id>... --store <folder or postgres URL> --reason <reference> --actor <id>
  civicflow publish <program.json> --server <url> --token <token> [--json] [--locale de|en]
  civicflow migrate dry-run|apply|status <program id> [--from <version>] [--to <version>] --server <url> --token <token>
  civicflow <command> --help

Options:
  -h, --help     show this help
  -v, --version  print the version

Exit codes: 0 success, 1 the program has problems, 2 usage error or a file that cannot be read,
written or parsed, 3 an unexpected failure (a bug: please report it).
`;

/** The version of this package. */
function version(): string {
  // Resolved by package name rather than a relative path: the bundler may move this code into a chunk.
  return (createRequire(import.meta.url)('@civicflow/cli/package.json') as { version: string }).version;
}

function usageError(command: string | undefined, message: string, io: CliIo): number {
  const help = command ? `civicflow ${command} --help` : 'civicflow --help';
  io.stderr(`civicflow${command ? ' ' + command : ''}: ${message}\nRun "${help}" for usage.\n`);
  return 2;
}

async function runCommand(name: string, command: Command, args: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown options and missing values.
    return usageError(name, e instanceof Error ? e.message : String(e), io);
  }
  const values = parsed.values as Values;
  const { positionals } = parsed;
  if (values['help']) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  if (!command.runOnArgs && (command.runOnCases ? positionals.length === 0 : positionals.length !== 1)) {
    if (command.runOnCases) return usageError(name, 'no case given: name one or more by reference or id', io);
    return usageError(name, positionals.length === 0 ? 'the program file is missing' : `expected one program file, got ${positionals.length}: ${positionals.join(' ')}`, io);
  }
  const loc = values['locale'];
  if (typeof loc === 'string' && !cliLocales.includes(loc)) {
    return usageError(name, `unsupported locale "${loc}"; use one of ${cliLocales.join(', ')}`, io);
  }
  try {
    if (command.runOnArgs) return await command.runOnArgs(positionals, values, io);
    return await (command.runOnCases ? command.runOnCases(positionals, values, io) : command.run!(positionals[0]!, values, io));
  } catch (e) {
    if (e instanceof CliError && e.code === 'USAGE') return usageError(name, e.message, io);
    if (e instanceof CliError) {
      io.stderr(e.message + '\n');
      return e.exitCode;
    }
    throw e;
  }
}

/**
 * The `civicflow` command line: parses `argv` (without node and the script), runs the command and returns
 * the exit code instead of exiting, so tests can run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      io.stderr(generalUsage);
      return 2;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(version() + '\n');
      return 0;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      const command = topic === undefined ? undefined : commands[topic];
      if (topic !== undefined && !command) return usageError(undefined, `unknown command "${topic}"`, io);
      io.stdout(command ? command.usage + '\n' : generalUsage);
      return 0;
    }
    const command = Object.prototype.hasOwnProperty.call(commands, first) ? commands[first] : undefined;
    if (!command) {
      return usageError(undefined, first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"; the commands are ${Object.keys(commands).join(', ')}`, io);
    }
    return await runCommand(first, command, rest, io);
  } catch (e) {
    io.stderr(`civicflow: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}
