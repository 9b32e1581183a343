import type { Program } from '../model/program.js';
import type { FieldInfo } from './form-fields.js';
import { layoutOf } from './layout.js';
import { expand, stripPointers } from './visibility.js';
import { parsePointer } from './pointer.js';
import { addDuration } from './duration.js';

/** A field marked as personal data, with how long it may be kept. */
export interface PersonalField {
  /** Dotted path of the field (without list indices). */
  path: string;
  /** ISO 8601 duration from `x-retention` (the field's own or an enclosing one's), if any. */
  retention: string | undefined;
  /** `x-retention-basis` (the field's own or an enclosing one's): the law obliges keeping it for its retention. */
  retentionBasis: string | undefined;
}

const personalField = (f: FieldInfo): PersonalField => ({ path: f.path, retention: f.retention, retentionBasis: f.retentionBasis });

/** The fields of a form marked `x-personal-data` (outermost only: a marked group covers its fields). */
export function personalFields(program: Program, formId: string): PersonalField[] {
  const layout = layoutOf(program, formId);
  return layout.fields.filter((f) => f.personal && !(f.parent && layout.fieldsByPath.get(f.parent)?.personal)).map(personalField);
}

/** A time span over a case's data: `since` when it was collected (retention counts from there), `now` the present. */
export interface RetentionClock {
  since: Date;
  now: Date;
}

/** Whether the law still obliges keeping this personal field: it has an `x-retention-basis` and its retention runs. */
function isKeptByLaw(f: FieldInfo, clock: RetentionClock): boolean {
  return f.personal && f.retentionBasis !== undefined && f.retention !== undefined && addDuration(clock.since, f.retention) > clock.now;
}

/**
 * The personal fields an erasure removes: the outermost ones that neither are kept by law nor hold a field that is.
 * A group with one such field inside is not removed whole; its other fields are, one by one.
 */
function erasableFields(program: Program, formId: string, clock: RetentionClock): PersonalField[] {
  const layout = layoutOf(program, formId);
  const kept = layout.fields.filter((f) => isKeptByLaw(f, clock)).map((f) => f.path);
  const erasable = (f: FieldInfo | undefined) => f !== undefined && f.personal && !kept.some((k) => k === f.path || k.startsWith(`${f.path}.`));
  return layout.fields.filter((f) => erasable(f) && !(f.parent && erasable(layout.fieldsByPath.get(f.parent)))).map(personalField);
}

/** Personal data the law obliges keeping, as an erasure leaves it: where it is and why (never its value). */
export interface KeptByLaw {
  /** JSON Pointer of a value in the data (one per entry of a list). */
  pointer: string;
  /** The field's `x-retention-basis`. */
  basis: string;
}

/**
 * The personal data that `redact` with `keepByLaw` leaves in place: the values of fields marked `x-retention-basis`
 * whose retention has not passed, outermost only (a kept group covers its fields).
 */
export function keptByLaw(program: Program, formId: string, data: unknown, clock: RetentionClock): KeptByLaw[] {
  const layout = layoutOf(program, formId);
  const held = (f: FieldInfo | undefined) => f !== undefined && isKeptByLaw(f, clock);
  return layout.fields
    .filter((f) => held(f) && !(f.parent && held(layout.fieldsByPath.get(f.parent))))
    .flatMap((f) => expand(layout, f.path, data).filter((h) => h.value !== undefined).map((h) => ({ pointer: h.pointer, basis: f.retentionBasis! })));
}

export interface RedactOptions {
  /** `remove` (default) drops personal fields; `mask` keeps the key and replaces the value by `mask`. */
  mode?: 'remove' | 'mask';
  /** The replacement value in `mask` mode. Default `"***"`. */
  mask?: unknown;
  /** Only fields whose retention has passed; `since` is when the data was collected. */
  expired?: RetentionClock;
  /**
   * All personal data except what the law obliges keeping (`x-retention-basis`) until its retention has passed, counted
   * from `since`: what an erasure on request removes. `keptByLaw` lists what stays.
   */
  keepByLaw?: RetentionClock;
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
  let fields = options.keepByLaw ? erasableFields(program, formId, options.keepByLaw) : personalFields(program, formId);
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

