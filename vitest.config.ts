import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['packages/elements/**', '**/*.browser.test.ts', '**/node_modules/**'],
    // Generous, since a test that passes takes what it takes: a PGlite store starts in a few hundred milliseconds alone,
    // but can take most of a minute on a busy two-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
