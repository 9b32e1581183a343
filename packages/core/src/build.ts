// Node-only: bundles precompiled validators into one self-contained ES module. Not part of the browser runtime.
import { rollup, type Plugin } from 'rollup';
import commonjsPlugin, { type RollupCommonJSOptions } from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Program } from './model/program.js';
import { generateValidatorsSource } from './standalone.js';

// Ajv's runtime helpers are resolved from where core's own Ajv is installed.
// The plugin's types describe its CommonJS build; the ES build that Node loads here exports the function as default.
const commonjs = commonjsPlugin as unknown as (options?: RollupCommonJSOptions) => Plugin;

const coreDir = path.dirname(createRequire(import.meta.url).resolve('ajv/package.json'));
const ENTRY = path.join(path.dirname(coreDir), '__civicflow_validators__.js');

/**
 * Builds the precompiled validators of a program as one ES module with no imports: Ajv's standalone code
 * with its runtime helpers (string length, deep equality, formats) bundled in. It needs no `eval` or
 * `new Function`, so it runs under `Content-Security-Policy: script-src 'self'`. Load it in the browser and
 * pass it to `fromValidatorsModule` from `@civicflow/core/runtime`.
 */
export async function buildValidatorsModule(program: Program, options: { minify?: boolean } = {}): Promise<string> {
  const source = generateValidatorsSource(program);
  const virtual: Plugin = {
    name: 'civicflow-validators',
    resolveId: (id) => (id === ENTRY ? id : null),
    load: (id) => (id === ENTRY ? source : null),
  };
  const bundle = await rollup({
    input: ENTRY,
    plugins: [virtual, nodeResolve({ preferBuiltins: false, browser: true }), commonjs({ transformMixedEsModules: true })],
    onwarn: (warning, warn) => {
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'es', compact: options.minify ?? false });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
