import type { Program } from '../model/program.js';
import { layoutOf } from './run-validation.js';
import { expand, stripPointers } from './visibility.js';
import { parsePointer } from './pointer.js';
import { addDuration } from './duration.js';

/** A field marked as personal data, with how long it may be kept. */
export interface PersonalField {
  /** Dotted path of the field (without list indices). */
  path: string;
  /** ISO 8601 duration from `x-retention` (the field's own or an enclosing one's), if any. */
  retention: string | undefined;
}

/** The fields of a form marked `x-personal-data` (outermost only: a marked group covers its fields). */
export function personalFields(program: Program, formId: string): PersonalField[] {
  const layout = layoutOf(program, formId);
  return layout.fields
    .filter((f) => f.personal && !(f.parent && layout.fieldsByPath.get(f.parent)?.personal))
    .map((f) => ({ path: f.path, retention: f.retention }));
}

export interface RedactOptions {
  /** `remove` (default) drops personal fields; `mask` keeps the key and replaces the value by `mask`. */
  mode?: 'remove' | 'mask';
  /** The replacement value in `mask` mode. Default `"***"`. */
  mask?: unknown;
  /** Only fields whose retention has passed; `since` is when the data was collected. */
  expired?: { since: Date; now: Date };
}

/** The pointers of the values the data holds for these fields (every entry of a list). */
function pointersOf(program: Program, formId: string, fields: readonly PersonalField[], data: unknown): string[] {
  const layout = layoutOf(program, formId);
  return fields.flatMap((f) => expand(layout, f.path, data).filter((h) => h.value !== undefined).map((h) => h.pointer));
}

/**
 * The form's data without its personal data: `redact` with no options. Apart from it because the widget's drafts
 * need only this, and a browser then loads none of the date arithmetic that retention needs.
 */
export function withoutPersonalData<T>(program: Program, formId: string, data: T): T {
  return stripPointers(data, pointersOf(program, formId, personalFields(program, formId), data));
}

/**
 * Removes or masks the personal data in a form's data, as marked by `x-personal-data` in its schema.
 * Returns a new value; the input is not changed.
 */
export function redact<T>(program: Program, formId: string, data: T, options: RedactOptions = {}): T {
  let fields = personalFields(program, formId);
  if (options.expired) {
    const { since, now } = options.expired;
    fields = fields.filter((f) => f.retention !== undefined && addDuration(since, f.retention) <= now);
  }
  const pointers = pointersOf(program, formId, fields, data);
  if (options.mode !== 'mask') return stripPointers(data, pointers);
  const mask = options.mask ?? '***';
  let out: unknown = structuredClone(data);
  for (const p of pointers) {
    const tokens = parsePointer(p);
    const last = tokens.pop()!;
    let node = out as Record<string, unknown>;
    for (const t of tokens) node = node[t] as Record<string, unknown>;
    node[last] = mask;
  }
  if (pointers.length === 0) out = data;
  return out as T;
}

