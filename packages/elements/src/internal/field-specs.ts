import { chooseControl, choicesOf, textKeys } from '@civicflow/core/runtime';
import type { ControlKind, FieldInfo, FormLayout, LaidOutField } from '@civicflow/core/runtime';
import type { TextLookup } from './program-texts.js';

/** A choice of a radio group, select or checkbox group: the schema value and its label. */
export interface Choice {
  readonly value: unknown;
  readonly label: string;
}

/** Everything the widget needs to render one field, in one locale. Built once per form and locale. */
export interface FieldSpec {
  readonly path: string;
  readonly info: FieldInfo;
  readonly control: ControlKind;
  readonly label: string;
  readonly help: string | undefined;
  readonly required: boolean;
  readonly autocomplete: string | undefined;
  readonly choices: readonly Choice[] | undefined;
  /** The entries of a group or list, in layout order (schema order when the layout names none). */
  readonly children: readonly LaidOutField[];
  /** File fields: the accepted media type, the size limit in bytes, and the encoding of an inline value. */
  readonly accept: string | undefined;
  readonly maxBytes: number | undefined;
  readonly encoding: string | undefined;
}

/** Every layout entry of a form by path, including the children of groups. */
function entriesByPath(layout: FormLayout): Map<string, LaidOutField> {
  const out = new Map<string, LaidOutField>();
  const walk = (entries: readonly LaidOutField[]) => {
    for (const e of entries) {
      out.set(e.path, e);
      if (e.children) walk(e.children);
    }
  };
  for (const page of layout.pages) walk(page.fields);
  return out;
}

/** What a field is called, its help and its choices' labels, in the words `text` looks up. */
function fieldWords(info: FieldInfo, values: readonly unknown[] | undefined, formId: string, text: TextLookup): Pick<FieldSpec, 'label' | 'help' | 'choices'> {
  return {
    label: text(textKeys.fieldLabel(formId, info.path)) ?? info.name,
    help: text(textKeys.fieldHelp(formId, info.path)),
    choices: values?.map((value) => ({
      value,
      label: text(textKeys.fieldOption(formId, info.path, value as string)) ?? String(value),
    })),
  };
}

/**
 * The specs of `before` in the words `text` looks up, for the same layout: a spec whose words stay is the same
 * object, so its field is not rendered again.
 */
export function rewordFieldSpecs(before: ReadonlyMap<string, FieldSpec>, formId: string, text: TextLookup): Map<string, FieldSpec> {
  const specs = new Map<string, FieldSpec>();
  for (const [path, spec] of before) {
    const words = fieldWords(spec.info, spec.choices?.map((c) => c.value), formId, text);
    const same =
      words.label === spec.label &&
      words.help === spec.help &&
      (words.choices ?? []).every((c, i) => c.label === spec.choices![i]!.label);
    specs.set(path, same ? spec : { ...spec, ...words });
  }
  return specs;
}

/** Builds the render specs of every field of a form, in one locale. */
export function createFieldSpecs(layout: FormLayout, formId: string, text: TextLookup): Map<string, FieldSpec> {
  const entries = entriesByPath(layout);
  const specs = new Map<string, FieldSpec>();
  for (const info of layout.fields) {
    const entry = entries.get(info.path);
    const control = chooseControl(info, entry);
    const s = info.schema;
    const choiceSource = control === 'checkboxes' ? ((s['items'] ?? {}) as Record<string, unknown>) : s;
    const values = control === 'radio' || control === 'select' || control === 'checkboxes' ? choicesOf(choiceSource) : undefined;
    const children =
      entry?.children ??
      layout.fields.filter((f) => f.parent === info.path).map((f): LaidOutField => ({ path: f.path, pointer: f.schemaPointer }));
    specs.set(info.path, {
      path: info.path,
      info,
      control,
      ...fieldWords(info, values, formId, text),
      required: info.required,
      autocomplete: entry?.autocomplete,
      children: info.kind === 'value' ? [] : children,
      accept: typeof s['contentMediaType'] === 'string' ? s['contentMediaType'] : undefined,
      maxBytes: typeof s['x-max-bytes'] === 'number' ? s['x-max-bytes'] : undefined,
      encoding: typeof s['contentEncoding'] === 'string' ? s['contentEncoding'] : undefined,
    });
  }
  return specs;
}
