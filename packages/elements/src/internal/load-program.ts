import { definitionLocale, fromValidatorsModule } from '@civicflow/core/runtime';
import type { CompiledProgram, DefinitionDocument, TextsDocument, ValidatorsModule } from '@civicflow/core/runtime';

/** A program as `<cf-form>` accepts it: a precompiled validators module, or one already wrapped. */
export type ProgramSource = ValidatorsModule | CompiledProgram;

/** Why a program could not be loaded: `<cf-form>` has no source, or the definition could not be fetched. */
export type ProgramLoadErrorCode = 'PROGRAM_SOURCE_MISSING' | 'HTTP_ERROR';

/** A program that could not be loaded; `status` is the HTTP status of a definition that could not be fetched. */
export class ProgramLoadError extends Error {
  constructor(
    readonly code: ProgramLoadErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(`${message} [${code}]`);
    this.name = 'ProgramLoadError';
  }
}

function isCompiled(p: ProgramSource): p is CompiledProgram {
  return 'program' in p && typeof (p as CompiledProgram).validators?.validator === 'function';
}

/** A loaded program, with what it takes to show it in another language. */
export interface LoadedProgram {
  readonly compiled: CompiledProgram;
  /** The module, when its definitions are beside it (one per locale, fetched as needed). */
  readonly module?: ValidatorsModule;
  /** The locale of the definition fetched for a module with definitions beside it. */
  readonly definitionLocale?: string;
  /** That definition as fetched (without the rest of its words, for a module that keeps them apart). */
  readonly document?: DefinitionDocument;
}

/**
 * The program from a `program` object, else from the validators module at `src` (built by `civicflow build`;
 * imported as a module, so it runs under `script-src 'self'` without eval). A module built with its
 * definitions beside it gets the one for the locale that `locale` picks from the module's locales.
 */
export async function loadProgram(
  src: string | undefined,
  program: ProgramSource | undefined,
  locale: (locales: readonly string[]) => string,
  allTexts = false,
): Promise<LoadedProgram> {
  if (program && isCompiled(program)) return { compiled: program };
  if (!program && !src) throw new ProgramLoadError('PROGRAM_SOURCE_MISSING', 'cf-form needs a `src` (URL of a validators module) or a `program`');
  const mod = program ?? ((await import(/* @vite-ignore */ new URL(src!, document.baseURI).href)) as ValidatorsModule);
  if (!mod.definitionUrls) return { compiled: fromValidatorsModule(mod) };
  return inLocale(mod, locale(mod.locales ?? Object.keys(mod.definitionUrls)), allTexts);
}

/**
 * The program of a module with definitions beside it, with the definition for a locale fetched; with `allTexts`, for a
 * module that keeps the words of later pages apart (`textsUrls`), those too, at the same time.
 */
export async function inLocale(mod: ValidatorsModule, locale: string, allTexts = false): Promise<LoadedProgram> {
  const chosen = definitionLocale(mod, locale)!;
  const textsUrl = allTexts ? mod.textsUrls?.[chosen] : undefined;
  const [doc, texts] = await Promise.all([fetchJson<DefinitionDocument>(mod.definitionUrls![chosen]!, 'definition'), textsUrl ? fetchJson<TextsDocument>(textsUrl, 'texts') : undefined]);
  return { compiled: fromValidatorsModule(mod, { definition: doc, ...(texts ? { texts } : {}) }), module: mod, definitionLocale: chosen, document: doc };
}

/** A program loaded with only its first pages' words (`hasAllTexts` false), with the rest of its locale's words fetched. */
export async function withAllTexts(loaded: LoadedProgram): Promise<LoadedProgram> {
  const { module: mod, definitionLocale: chosen, document: doc } = loaded;
  const url = chosen === undefined ? undefined : mod?.textsUrls?.[chosen];
  if (!mod || !doc || !url) return loaded;
  const texts = await fetchJson<TextsDocument>(url, 'texts');
  return { compiled: fromValidatorsModule(mod, { definition: doc, texts }), module: mod, definitionLocale: chosen, document: doc };
}

async function fetchJson<T>(url: string, what: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new ProgramLoadError('HTTP_ERROR', `The ${what} could not be loaded (HTTP ${response.status})`, response.status);
  return (await response.json()) as T;
}
