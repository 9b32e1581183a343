import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

// The arrows between packages (docs/architecture.md), as import rules. In a flat config the last object that
// sets a rule for a file wins, so each object below repeats the restrictions of the ones it narrows.

const tests = ['**/*.test.ts', '**/test-support/**', '**/test-pages/**', '**/e2e/**'];

/** core and workflow run in browsers and Node alike: neither side's own globals (DOM, process), and no I/O. */
const sharedIo = ['fetch', 'Request', 'Response', 'Headers', 'FormData', 'File', 'Blob', 'WebSocket', 'BroadcastChannel', 'MessageChannel', 'MessagePort', 'localStorage', 'sessionStorage', 'Storage', 'navigator', 'Navigator', 'performance'];
const builtinGlobals = new Set(Object.keys(globals.builtin));
const onlyOneSide = [...new Set([...Object.keys(globals.browser), ...Object.keys(globals.node)])].filter(
  (name) => !builtinGlobals.has(name) && !(name in globals.browser && name in globals.node),
);
const pureGlobals = [...onlyOneSide, ...sharedIo].map((name) => ({
  name,
  message: 'core is pure and runs in browsers and Node alike: no DOM or Node globals, no I/O; pass in what it needs.',
}));

const nodeBuiltins = {
  paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: 'core does no I/O: Node modules belong to server, cli or build.' })),
  regex: '^node:',
  message: 'core does no I/O: Node modules belong to server, cli or build.',
};
const otherThanCore = (message) => ({ regex: '^@civicflow/(?!core(/|$))|/(workflow|elements|server|fim|cli|build)/src/', message });
const coreAlone = otherThanCore('core imports no other civicflow package: they all depend on it.');
const compileFromRuntime = {
  regex: '(^|/)compile(/|\\.js$)|^ajv($|/)|^ajv-formats($|/)',
  message: "What browsers load (runtime/) must not pull in compile/ or Ajv's compiler.",
};

// Tests share their fixtures through @civicflow/test-support (private, a devDependency of the packages whose tests
// use it), and reach other packages by name, as users do: a relative path into another package's src/ skips its
// exports map and ties the test to the other package's file layout.
const otherPackageSrc = {
  regex: '^(\\.\\./)+([^./][^/]*/)+src/',
  message: "Import another package by its name (its exports map's `source` condition points at src/), not by a relative path into its src/; shared test helpers belong in @civicflow/test-support.",
};
const testsOf = (dir) => tests.map((pattern) => `${dir}/${pattern}`);
/** In tests, the arrows of core and workflow let @civicflow/test-support through as well. */
const otherThanCoreInTests = (message) => ({ regex: '^@civicflow/(?!(core|test-support)(/|$))|/(workflow|elements|server|fim|cli|build)/src/', message });

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '.cache/**', 'examples/**/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [coreAlone] }] },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.paths, patterns: [coreAlone, { regex: nodeBuiltins.regex, message: nodeBuiltins.message }] }],
      'no-restricted-globals': ['error', ...pureGlobals],
    },
  },
  {
    files: ['packages/core/src/runtime/**/*.ts', 'packages/core/src/runtime.ts', 'packages/core/src/derive.ts', 'packages/core/src/messages/**/*.ts', 'packages/core/src/model/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeBuiltins.paths, patterns: [coreAlone, { regex: nodeBuiltins.regex, message: nodeBuiltins.message }, compileFromRuntime] },
      ],
    },
  },
  {
    files: ['packages/workflow/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherThanCore('workflow depends on core alone (the server depends on workflow).')] }] },
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@civicflow/(?!core/(?:runtime|locales)$)|/(core|workflow|server|fim|cli|build)/src/',
              message: "The widget loads only core's browser-safe part: import it from @civicflow/core/runtime (types too), a locale's words from @civicflow/core/locales.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/**/*.ts', 'packages/cli/src/**/*.ts', 'packages/fim/src/**/*.ts', 'packages/build/src/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^@civicflow/test-support(/|$)', message: '@civicflow/test-support holds test fixtures and is never published: only tests import it.' }] }],
    },
  },
  {
    files: tests,
    rules: { 'no-restricted-imports': ['error', { patterns: [otherPackageSrc] }] },
  },
  {
    files: testsOf('packages/core'),
    rules: { 'no-restricted-imports': ['error', { patterns: [otherThanCoreInTests('core imports no other civicflow package: they all depend on it.'), otherPackageSrc] }] },
  },
  {
    files: testsOf('packages/workflow'),
    rules: { 'no-restricted-imports': ['error', { patterns: [otherThanCoreInTests('workflow depends on core alone (the server depends on workflow).'), otherPackageSrc] }] },
  },
);
