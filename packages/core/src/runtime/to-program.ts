import type { DeepReadonly, Program, ProgramDefinition } from '../model/program.js';

/** Freezes a value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Wraps a checked, frozen definition and its hash as a `Program`. */
export function toProgram(definition: DeepReadonly<ProgramDefinition>, hash: string): Program {
  return Object.freeze({
    id: definition.id,
    version: definition.version,
    ref: `${definition.id}@${definition.version}`,
    hash,
    locales: definition.locales,
    definition,
  });
}
