import type { FieldLayout, ProgramDefinition } from './generated/program.js';

export type {
  ProgramDefinition,
  Form,
  Ui,
  Page,
  FieldLayout,
  Condition,
  LocalisedText,
  Workflow,
} from './generated/program.js';
export type { JsonSchema } from './json-schema.js';

/** A field on a page: its path, or the path with layout options. */
export type FieldRef = string | FieldLayout;

/** A read-only view of a value, all the way down. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A checked program: what `loadProgram` returns. Frozen; safe to share between requests. */
export interface Program {
  /** The program's id, as in the definition. */
  readonly id: string;
  /** The definition's semantic version. */
  readonly version: string;
  /** `id@version`, the reference cases keep. */
  readonly ref: string;
  /** SHA-256 (hex) of the definition's canonical JSON: equal definitions have equal hashes. */
  readonly hash: string;
  /** The declared locales; the first is the default. */
  readonly locales: readonly string[];
  /** The checked definition, deeply frozen. */
  readonly definition: DeepReadonly<ProgramDefinition>;
}
