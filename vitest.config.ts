import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['packages/elements/**', '**/*.browser.test.ts', '**/node_modules/**'],
    testTimeout: 30_000,
    // A PGlite store starts in a few hundred milliseconds alone, but many seconds on a busy two-core machine.
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
