// Browser tests run in Debian's Chromium (no browser downloads work on our machines).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { existsSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { civicflowApi } from './scripts/wtr-api-server.mjs';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Writes the totals to .cache/wtr-results.json so `npm test` can add them up with the other runners, with
 * the names of the skipped and the failed tests (file, suites and title) so that it can name them at the end.
 */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const skipped = [];
      const failedTests = [];
      const walk = (suite, file, titles) => {
        for (const t of suite.tests ?? []) {
          if (t.skipped) skipped.push(`${file}: ${[...titles, t.name].join(' › ')}`);
          else if (t.passed) passed++;
          else {
            failed++;
            failedTests.push(`${file}: ${[...titles, t.name].join(' › ')} — ${String(t.error?.message ?? '').split('\n')[0].slice(0, 300)}`);
          }
        }
        for (const s of suite.suites ?? []) walk(s, file, [...titles, s.name]);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults, path.relative(process.cwd(), s.testFile), []);
        if (!s.passed && (!s.testResults || (s.errors ?? []).length > 0)) {
          failed++;
          failedTests.push(`${path.relative(process.cwd(), s.testFile)}: ${String(s.errors?.[0]?.message ?? 'the file did not run').split('\n')[0].slice(0, 300)}`);
        }
      }
      mkdirSync('.cache', { recursive: true });
      writeFileSync('.cache/wtr-results.json', JSON.stringify({ passed, failed, skipped: skipped.length, skippedTests: skipped, failedTests }));
    },
  };
}

/**
 * `executeServerCommand('cf-forced-colors', { active })`: Windows High Contrast and similar modes, emulated
 * through Chrome's DevTools protocol (the stock emulate-media command passes no forced-colors to puppeteer).
 * The emulation switches the media query and Chrome's forced-colours rendering (system colours, no fills).
 */
function forcedColorsCommand() {
  // Emulation lasts as long as the DevTools session that asked for it: one session per page, kept open.
  const sessions = new WeakMap();
  return {
    name: 'cf-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'cf-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      // puppeteer's emulateMediaFeatures refuses this feature by name; the protocol itself knows it.
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }] });
      return true;
    },
  };
}

/**
 * `executeServerCommand('cf-civicflow-check', { text })`: the real `civicflow check` (the built CLI) on a program's
 * text, written to a file of its own, so a browser test can show that what a page saved is what the CLI accepts.
 * Answers `{ code, output }`.
 */
function civicflowCheckCommand() {
  return {
    name: 'cf-civicflow-check',
    async executeCommand({ command, payload }) {
      if (command !== 'cf-civicflow-check') return undefined;
      const dir = mkdtempSync(path.join(tmpdir(), 'cf-check-'));
      const file = path.join(dir, 'program.json');
      writeFileSync(file, String(payload?.text ?? ''));
      const run = spawnSync(process.execPath, ['packages/cli/bin/civicflow.js', 'check', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      rmSync(dir, { recursive: true, force: true });
      return { code: run.status, output: `${run.stdout}${run.stderr}` };
    },
  };
}

/** Serves pages under a `csp/` folder with a strict Content-Security-Policy, as a municipal site might. */
function strictCsp() {
  return async (ctx, next) => {
    await next();
    if (ctx.path.includes('/csp/')) {
      ctx.set('Content-Security-Policy', "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'");
    }
  };
}

/**
 * The HTML examples of docs/embedding.md as pages, exactly as written: `/docs-examples/embedding/<n>.html` is the
 * n-th `html` block in a page with the guide's own Content-Security-Policy, and `/civicflow/cf-form.embed.js` is the
 * built widget where the examples load it from (a host copies it there), so a test can run them against the server.
 */
function embeddingGuideExamples() {
  return async (ctx, next) => {
    // The embed file and the files beside it that it imports (its words and parts).
    const file = /^\/civicflow\/(cf-form\.[a-z-]+)\.js$/.exec(ctx.path);
    if (file && existsSync(`packages/elements/dist/${file[1]}.js`)) {
      ctx.type = 'text/javascript';
      ctx.body = readFileSync(`packages/elements/dist/${file[1]}.js`, 'utf8');
      return;
    }
    const example = /^\/docs-examples\/embedding\/(\d+)\.html$/.exec(ctx.path);
    if (!example) return next();
    const guide = readFileSync('docs/embedding.md', 'utf8');
    const block = [...guide.matchAll(/^```html\n([\s\S]*?)^```$/gm)][Number(example[1])];
    const policy = /^Content-Security-Policy: (.+)$/m.exec(guide);
    if (!block || !policy) return next();
    ctx.set('Content-Security-Policy', policy[1]);
    ctx.type = 'text/html';
    ctx.body = `<!doctype html>\n<html lang="de">\n<head><meta charset="utf-8"><title>docs/embedding.md, example ${example[1]}</title></head>\n<body>\n${block[1]}</body>\n</html>\n`;
  };
}

export default {
  // A keyboard test must keep focus inside its page: a Tab past the page's last control moved focus into the
  // browser's frame, and the next test file's page then had no focus (its fields saw no focus or blur events).
  files: ['packages/core/src/**/*.browser.test.ts', 'packages/elements/src/**/*.test.ts', 'packages/designer/src/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  rootDir: '.',
  concurrency: 1,
  // The end-to-end test of the designer (design, try, publish, move a case) takes minutes on a busy two-core machine.
  testsFinishTimeout: 600_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), forcedColorsCommand(), civicflowCheckCommand()],
  middleware: [strictCsp(), embeddingGuideExamples(), civicflowApi()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
