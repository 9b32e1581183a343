import { fromValidatorsModule } from '@civicflow/core/runtime';
import type { CompiledProgram, ValidatorsModule } from '@civicflow/core/runtime';

/** A program as `<cf-form>` accepts it: a precompiled validators module, or one already wrapped. */
export type ProgramSource = ValidatorsModule | CompiledProgram;

function isCompiled(p: ProgramSource): p is CompiledProgram {
  return 'program' in p && typeof (p as CompiledProgram).validators?.validator === 'function';
}

/**
 * The compiled program from a `program` object, else from the validators module at `src` (built by
 * `civicflow build`; imported as a module, so it runs under `script-src 'self'` without eval).
 */
export async function loadCompiledProgram(src: string | undefined, program: ProgramSource | undefined): Promise<CompiledProgram> {
  if (program) return isCompiled(program) ? program : fromValidatorsModule(program);
  if (!src) throw new TypeError('cf-form needs a `src` (URL of a validators module) or a `program`.');
  const url = new URL(src, document.baseURI).href;
  const mod = (await import(/* @vite-ignore */ url)) as ValidatorsModule;
  return fromValidatorsModule(mod);
}
