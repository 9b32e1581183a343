// Browser tests run in Debian's Chromium (no browser downloads work on our machines).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { writeFileSync, mkdirSync } from 'node:fs';
import { civicflowApi } from './scripts/wtr-api-server.mjs';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Writes the totals to .cache/wtr-results.json so `npm test` can add them up with the other runners. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite.tests ?? []) {
          if (t.skipped) continue;
          if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites ?? []) walk(s);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults);
        if (!s.passed && (!s.testResults || (s.errors ?? []).length > 0)) failed++;
      }
      mkdirSync('.cache', { recursive: true });
      writeFileSync('.cache/wtr-results.json', JSON.stringify({ passed, failed }));
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

export default {
  files: ['packages/*/src/**/*.browser.test.ts', 'packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  rootDir: '.',
  concurrency: 1,
  testsFinishTimeout: 180_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  middleware: [strictCsp(), civicflowApi()],
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
