import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureProgram, runCli } from './test-support/run-cli.js';

const mini = fixtureProgram('mini');

describe('main', () => {
  it('prints the version of the package', async () => {
    const { version } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('prints the general help on --help, -h and help, and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const { code, stdout } = await runCli(argv);
      expect(code).toBe(0);
      for (const command of ['check', 'types', 'build']) expect(stdout).toContain(`civicflow ${command} <program.json>`);
    }
  });

  it('prints the help of a command', async () => {
    for (const command of ['check', 'types', 'build']) {
      const viaFlag = await runCli([command, '--help']);
      const viaHelp = await runCli(['help', command]);
      expect(viaFlag.code).toBe(0);
      expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: civicflow ${command} <program.json>`));
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
    }
  });

  it('shows the help on stderr and exits 2 without arguments', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage:');
  });

  it('exits 2 for usage errors, naming the problem', async () => {
    const cases: [string[], string][] = [
      [['lint', mini], 'civicflow: unknown command "lint"; the commands are check, types, build'],
      [['--frobnicate'], 'civicflow: unknown option "--frobnicate"'],
      [['help', 'lint'], 'civicflow: unknown command "lint"'],
      [['check'], 'civicflow check: the program file is missing'],
      [['check', mini, mini], 'civicflow check: expected one program file, got 2'],
      [['check', mini, '--strict'], "civicflow check: Unknown option '--strict'"],
      [['check', mini, '--locale'], "civicflow check: Option '--locale <value>' argument missing"],
      [['check', mini, '--locale', 'fr'], 'civicflow check: unsupported locale "fr"; use one of en, de'],
      [['types', mini, '--json'], "civicflow types: Unknown option '--json'"],
      [['build', mini, '-o'], "civicflow build: Option '-o, --out <value>' argument missing"],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout, argv.join(' ')).toBe('');
      expect(stderr, argv.join(' ')).toContain(message);
      expect(stderr, argv.join(' ')).toMatch(/Run "civicflow( \w+)? --help" for usage\.\n$/);
    }
  });

  it('accepts options before the program file', async () => {
    const { code, stdout } = await runCli(['check', '--locale', 'de', mini]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^OK mini@1\.2\.0: 2 Formulare/);
  });
});
