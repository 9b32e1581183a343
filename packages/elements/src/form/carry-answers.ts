import { escapePointerToken, type FormSessionBase } from '@civicflow/core/runtime';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An answer that says nothing: the person has not given it, so not carrying it is not worth a word. */
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** What came over from one version of a form into another. */
export interface CarriedAnswers {
  /** The new version's data: its defaults, with every answer carried over in its place. */
  readonly data: Record<string, unknown>;
  /** Pointers (in the old data) of the answers that could not be carried, in the old form's order. */
  readonly notCarried: readonly string[];
}

/** One answer of the old data: a value of a field that is neither a group nor a list. */
interface Answer {
  readonly pointer: string;
  /** Its field's path (dots, no list indices), the same in both versions when the field still exists. */
  readonly path: string;
}

/** Repeats of "drop what the new version refuses, look again": a dropped answer can hide or show others. */
const ROUNDS = 4;

/**
 * Carries a person's answers from one version of a form (`from`, holding them) into another (`to`, a fresh session of
 * the new version): an answer comes along when its field still exists in the new version, as the same kind of field,
 * and the new version's own validators accept its value there. Whatever else is not carried, and said (`notCarried`),
 * except answers that were empty and values the old version worked out itself (`x-derived`), which the new one works
 * out anew. Fields the new version added start from its defaults; a required one is then the person's to fill in.
 * `to` is left holding the carried data.
 */
export function carryAnswers(from: FormSessionBase, to: FormSessionBase): CarriedAnswers {
  const answers: Answer[] = [];
  const dropped = new Set<string>();
  const oldFields = from.layout.fieldsByPath;
  const newFields = to.layout.fieldsByPath;

  // Every answer of the old data, by its field; a value under no field of the old form is no answer and stays behind.
  const collect = (node: Obj, path: string, pointer: string) => {
    for (const [key, value] of Object.entries(node)) {
      const childPath = path ? `${path}.${key}` : key;
      const childPointer = `${pointer}/${escapePointerToken(key)}`;
      const field = oldFields.get(childPath);
      if (!field || field.schema['x-derived'] !== undefined) continue;
      if (field.kind === 'group' && isObj(value)) collect(value, childPath, childPointer);
      else if (field.kind === 'list' && Array.isArray(value)) value.forEach((entry, i) => isObj(entry) && collect(entry, childPath, `${childPointer}/${i}`));
      else if (!isEmpty(value)) {
        answers.push({ pointer: childPointer, path: childPath });
        const next = newFields.get(childPath);
        if (!next || next.kind !== field.kind) dropped.add(childPointer);
      }
    }
  };
  collect(from.data, '', '');

  // The old data's shape, without the answers dropped, over the new version's defaults; groups left empty go. While
  // the new version's errors are matched to answers, a list entry keeps its place (so that its pointers stay the old
  // ones); at the end, entries nothing came over into go, and the list keeps the entries the new version starts with.
  const answerAt = new Set(answers.map((a) => a.pointer));
  const build = (node: unknown, base: unknown, pointer: string, compact: boolean): unknown => {
    // An answer is one value, whatever its shape (the ticked boxes of a multiple choice are a list of values).
    if (answerAt.has(pointer)) return dropped.has(pointer) ? base : node;
    if (Array.isArray(node)) {
      const built = node.map((entry, i) => build(entry, Array.isArray(base) ? base[i] : undefined, `${pointer}/${i}`, compact));
      const entries = compact ? built.filter((e) => e !== undefined) : built.map((e) => e ?? {});
      const all = Array.isArray(base) ? [...entries, ...base.slice(entries.length)] : entries;
      return all.length === 0 ? base : all;
    }
    if (!isObj(node)) return base;
    const out: Obj = isObj(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(node)) {
      const built = build(value, out[key], `${pointer}/${escapePointerToken(key)}`, compact);
      if (built === undefined) delete out[key];
      else out[key] = built;
    }
    return Object.keys(out).length === 0 && base === undefined ? undefined : out;
  };
  const fill = (compact: boolean) => {
    to.data = (build(from.data, base, '', compact) as Obj | undefined) ?? {};
    to.refresh();
  };

  const base = to.initialData();
  let more = true;
  for (let round = 0; more && round < ROUNDS; round++) {
    fill(false);
    // What the new version's validators refuse at an answer, or inside it, was not accepted there.
    more = false;
    for (const { pointer } of to.result.errors) {
      for (const a of answers) {
        if (dropped.has(a.pointer) || (pointer !== a.pointer && !pointer.startsWith(`${a.pointer}/`))) continue;
        dropped.add(a.pointer);
        more = true;
      }
    }
  }
  fill(true);
  return { data: to.data, notCarried: answers.filter((a) => dropped.has(a.pointer)).map((a) => a.pointer) };
}
