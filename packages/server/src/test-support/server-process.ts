// Runs civicflow-server as a real child process for tests that kill it. The entry is bundled from the sources
// with esbuild (once per test file), so the test never runs a stale dist/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '@civicflow/test-support';

let bundled: Promise<string> | undefined;

/** The server's command line entry as one ES module under .cache/ (dependencies stay in node_modules). */
export function serverEntry(): Promise<string> {
  bundled ??= (async () => {
    const outdir = path.join(repoRoot, '.cache', 'server-test');
    mkdirSync(outdir, { recursive: true });
    const outfile = path.join(outdir, `civicflow-server-${process.pid}.mjs`);
    await build({
      entryPoints: [path.join(repoRoot, 'packages/server/src/test-support/server-entry.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      logLevel: 'error',
      plugins: [
        {
          name: 'external-packages',
          setup(b) {
            // Our workspace packages are bundled from source; everything from npm is loaded from node_modules.
            b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@civicflow/') ? undefined : { path: a.path, external: true }));
          },
        },
      ],
    });
    return outfile;
  })();
  return bundled;
}

/** Deletes the bundle `serverEntry` wrote, if any. */
export async function removeServerEntry(): Promise<void> {
  if (!bundled) return;
  rmSync(await bundled, { force: true });
  bundled = undefined;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Everything the process wrote to stdout so far. */
  stdout(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

/** Starts `civicflow-server serve <args>` on a free port and resolves once it listens. */
export async function startServerProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const entry = await serverEntry();
  const child = spawn(process.execPath, [entry, 'serve', '--port', '0', '--no-rate-limit', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${err}`));
    });
  });
  return {
    child,
    url,
    stderr: () => err,
    stdout: () => out,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the server's command line to completion (for commands that exit, such as `retention`). */
export async function runServerCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = await serverEntry();
  const child = spawn(process.execPath, [entry, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}
