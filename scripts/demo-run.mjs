// What the scripts and tests that run the demo (scripts/start.mjs) in a browser share: a free port, a Node child
// that must succeed, waiting for the demo to answer, waiting for the page, and a photograph of it.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs a Node script of the repository to its end; rejects unless it exits with 0. */
export function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

/** Waits until the demo at `base` answers (two minutes: on a busy machine it takes most of one to start). */
export async function waitForServer(base, server) {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the demo server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/v1/programs`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the demo server did not start');
}

/**
 * Starts the demo (scripts/start.mjs) on a free port of 127.0.0.1 with its data in `dataDir`, and resolves once it
 * answers: `base` (its address), `port`, `child`, and `stop()`.
 */
export async function startDemo(dataDir, env = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CIVICFLOW_DATA: dataDir, ...env }, stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    }
  };
  try {
    await waitForServer(base, child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, port, child, stop };
}

/** Waits until `probe` (run in the page, may look into shadow roots) returns true. */
export async function until(page, probe, what, ...args) {
  try {
    await page.waitForFunction(probe, { timeout: 120_000, polling: 100 }, ...args);
  } catch (e) {
    throw new Error(`timed out waiting for ${what}: ${e.message}`);
  }
}

/** Photographs the page's viewport into `out` as `<name>.png`, refusing a file over 300 KB. */
export async function shoot(page, out, name) {
  const file = path.join(out, `${name}.png`);
  await new Promise((r) => setTimeout(r, 300));
  await page.screenshot({ path: file, fullPage: false });
  const kb = Math.round(statSync(file).size / 1024);
  console.log(`${path.relative(root, file)} (${kb} KB)`);
  if (kb > 300) throw new Error(`${name}.png is ${kb} KB, more than 300 KB`);
}

/** The four sizes every screen is photographed at: desktop, phone, the narrowest phone, and desktop in forced colours. */
export const SHOT_SIZES = [
  { suffix: '', width: 1280, height: 900 },
  { suffix: '-phone', width: 390, height: 844 },
  { suffix: '-320', width: 320, height: 800 },
  { suffix: '-forced-colors', width: 1280, height: 900, forced: true },
];

/**
 * Runs `civicflow dev` (in English) on a copy of an example's program file and opens its designer in headless Chromium
 * (puppeteer-core, Debian's /usr/bin/chromium) at each of SHOT_SIZES in turn. For each size, `arrange(page, size)`
 * brings the designer to what is to be photographed and takes the photographs (`shoot`). Options: `file` opens a
 * file of that name that does not exist yet instead of an example (`example` undefined); `ready` is what to wait for
 * in the page (by default the designer's views); `finish(page)` runs once after the sizes, at 1280×900 without forced
 * colours.
 */
export async function photographDesigner(example, arrange, { file = 'program.json', ready, finish } = {}) {
  const { copyFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { default: puppeteer } = await import('puppeteer-core');
  const dir = mkdtempSync(path.join(tmpdir(), 'civicflow-designer-shots-'));
  if (example !== undefined) copyFileSync(path.join(root, 'examples', example, 'program.json'), path.join(dir, file));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(root, 'packages/cli/bin/civicflow.js'), 'dev', file, '--port', String(port), '--locale', 'en'], { cwd: dir, stdio: 'ignore' });
  let browser;
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null || i > 300) throw new Error('civicflow dev did not start');
      if (await fetch(`${base}/designer`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-GB'] });
    const page = await browser.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await page.createCDPSession();
    for (const size of SHOT_SIZES) {
      await page.setViewport({ width: size.width, height: size.height });
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: size.forced ? 'active' : 'none' }] });
      await page.goto(`${base}/designer`, { waitUntil: 'networkidle0' });
      await until(page, ready ?? (() => document.querySelector('cf-program-designer')?.shadowRoot?.querySelector('#view-workflow')), 'the designer');
      await arrange(page, size);
    }
    if (finish) {
      await page.setViewport({ width: 1280, height: 900 });
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'none' }] });
      await finish(page);
    }
  } finally {
    await browser?.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
