import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DeepReadonly, Program, ProgramDefinition } from '../model/program.js';
import type { Issue } from '../runtime/errors.js';
import { ProgramError } from '../runtime/errors.js';
import { metaValidate } from './meta-validate.js';
import { programChecks } from './checks/index.js';
import { createCheckContext, type ProgramCheck } from './checks/context.js';
import { canonicalJson } from './canonical-json.js';
import { deepFreeze, toProgram } from '../runtime/to-program.js';
import { fillMessage } from '../messages/index.js';
import { issueMessage } from '../messages/issues.js';
import { checkInput } from '../runtime/check-input.js';
import { createMessageSource } from '../runtime/map-errors.js';

export interface LoadProgramOptions {
  /** Language of the problem messages: `de` or `en` (default). */
  locale?: string;
  /** Further checks to run after the built-in ones, for rules of an integrator's own. */
  checks?: readonly ProgramCheck[];
}


/**
 * Checks a program definition and returns it as a frozen `Program` with a content hash.
 *
 * Accepts the JSON text or the parsed value. Checks the meta-schema (`schemas/program.schema.json`) and then
 * the rules it cannot express: UI fields exist, conditions are valid schemas, ids are unique, texts exist in
 * every locale, patterns cannot backtrack catastrophically, workflows are sound.
 *
 * @throws ProgramError listing every problem with its JSON pointer.
 */
export function loadProgram(json: unknown, options: LoadProgramOptions = {}): Program {
  const locale = options.locale ?? 'en';
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new ProgramError([{ code: 'NOT_JSON', pointer: '', message: fillMessage(issueMessage(locale, 'NOT_JSON'), { detail }), params: { detail } }]);
    }
  }
  const guard = checkInput(value, createMessageSource('', undefined, ['en'], locale), { maxDepth: 64, maxStringLength: 1_000_000, maxValues: 1_000_000 });
  if (guard.length > 0) {
    throw new ProgramError(guard.map((g) => ({ code: 'SCHEMA_INVALID', pointer: g.pointer, message: g.message, params: { ...g.params, guard: g.code } })));
  }
  const definition = deepFreeze(structuredClone(value)) as DeepReadonly<ProgramDefinition>;
  const issues: Issue[] = metaValidate(definition, locale);
  if (issues.length === 0) {
    const ctx = createCheckContext(definition, locale, issues);
    for (const check of [...programChecks, ...(options.checks ?? [])]) check(ctx);
  }
  const id = typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
  if (issues.length > 0) throw new ProgramError(issues, id);
  return toProgram(definition, bytesToHex(sha256(utf8ToBytes(canonicalJson(definition)))));
}
