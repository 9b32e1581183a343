import { validate, type Program } from '@civicflow/core';
import { FimError } from './errors.js';

type Schema = Record<string, unknown>;

/** A submission as FIT-Connect expects it: data keyed by FIM ids, and the schema that describes it. */
export interface FitConnectSubmission {
  /** `https://schema.fitko.de/fim/s<id>_<version>.schema.json`. */
  readonly schemaUri: string;
  /** The submitted data with FIM ids (`F00000013`, `G00000630`) as keys. */
  readonly data: Record<string, unknown>;
  /** A JSON Schema (draft 2020-12) of `data`, with `schemaUri` as its `$id`. */
  readonly schema: Schema;
}

/**
 * Prepares a submission of a program imported from FIM for FIT-Connect: validates the data against the
 * form, then renames every property to the FIM id it was imported from.
 *
 * @param submission the form's data as the widget sends it
 * @param options.form the form; default the program's only (or first) form
 * @throws FimError `NOT_FIM_PROGRAM` when the form carries no FIM id and version, `SUBMISSION_INVALID`
 *   (with `detail.issues`) when the data does not validate.
 */
export function exportFitConnect(program: Program, submission: unknown, options: { form?: string } = {}): FitConnectSubmission {
  const forms = program.definition.forms as Readonly<Record<string, { schema: unknown }>>;
  const formId = options.form ?? Object.keys(forms)[0]!;
  const form = Object.prototype.hasOwnProperty.call(forms, formId) ? forms[formId] : undefined;
  const root = form?.schema as Schema | undefined;
  const id = root?.['x-fim-id'];
  const version = root?.['x-fim-version'];
  if (typeof id !== 'string' || typeof version !== 'string') {
    throw new FimError('NOT_FIM_PROGRAM', `the form "${formId}" was not imported from FIM: its schema has no x-fim-id and x-fim-version`);
  }
  const result = validate(program, formId, submission);
  if (!result.valid) {
    throw new FimError('SUBMISSION_INVALID', `the submission does not match the form "${formId}" (${result.errors.length} problems)`, { issues: result.errors });
  }
  const schemaUri = `https://schema.fitko.de/fim/${id.toLowerCase()}_${version}.schema.json`;
  const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: schemaUri, ...renameSchema(root!, root!)! };
  return { schemaUri, data: renameData(result.data, root!) as Record<string, unknown>, schema };
}

const fimIdOf = (schema: unknown, fallback: string): string => {
  const id = typeof schema === 'object' && schema !== null ? (schema as Schema)['x-fim-id'] : undefined;
  return typeof id === 'string' ? id : fallback;
};

/** An array of one-field objects whose field has the array's FIM id: how the import repeats a single value. */
function wrappedValue(schema: Schema): string | undefined {
  const items = schema['items'] as Schema | undefined;
  const props = items?.['properties'] as Record<string, Schema> | undefined;
  const names = props ? Object.keys(props) : [];
  return names.length === 1 && fimIdOf(props![names[0]!], '') === schema['x-fim-id'] ? names[0] : undefined;
}

function renameData(data: unknown, schema: Schema | undefined): unknown {
  if (!schema) return data;
  if (Array.isArray(data)) {
    const inner = wrappedValue(schema);
    const items = schema['items'] as Schema | undefined;
    if (inner !== undefined) return data.map((d) => (d as Record<string, unknown>)[inner]);
    return data.map((d) => renameData(d, items));
  }
  if (typeof data !== 'object' || data === null) return data;
  const props = (schema['properties'] ?? {}) as Record<string, Schema>;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    // A derived value (an age the import added for a rule) is no FIM field: FIT-Connect does not get it.
    if (!props[name]?.['x-derived']) out[fimIdOf(props[name], name)] = renameData(value, props[name]);
  }
  return out;
}

/**
 * Renames the properties of `schema` (and of its conditions, which describe the same data) using `context`,
 * the data schema at the same place; drops the civicflow-only keywords and the derived values. A condition on a
 * derived value cannot be said without it: it comes back `undefined`, and the `allOf` that held it drops it.
 */
function renameSchema(schema: Schema, context: Schema | undefined): Schema | undefined {
  const props = (context?.['properties'] ?? {}) as Record<string, Schema>;
  const rename = (name: string) => fimIdOf(props[name], name);
  if (context && wrappedValue(context) !== undefined && schema === context) {
    const items = context['items'] as Schema;
    const inner = (items['properties'] as Record<string, Schema>)[wrappedValue(context)!]!;
    const { items: _items, ...rest } = strip(schema);
    return { ...rest, items: strip(inner) };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(strip(schema))) {
    const isData = schema === context;
    if (key === 'properties') {
      const renamed: [string, Schema | undefined][] = [];
      for (const [n, s] of Object.entries(value as Record<string, Schema>)) {
        if (props[n]?.['x-derived']) {
          if (!isData) return undefined;
          continue;
        }
        renamed.push([rename(n), typeof s === 'boolean' ? s : renameSchema(s, props[n])]);
      }
      if (renamed.some(([, s]) => s === undefined)) return undefined;
      out[key] = Object.fromEntries(renamed);
    } else if (key === 'required') {
      const names = value as string[];
      if (!isData && names.some((n) => props[n]?.['x-derived'])) return undefined;
      out[key] = names.filter((n) => !props[n]?.['x-derived']).map(rename);
    } else if (key === 'items') {
      out[key] = renameSchema(value as Schema, context?.['items'] as Schema | undefined);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      const parts = (value as Schema[]).map((s) => renameSchema(s, context));
      if (key === 'allOf') out[key] = parts.filter((p) => p !== undefined);
      else if (parts.some((p) => p === undefined)) return undefined;
      else out[key] = parts;
    } else if (key === 'if' || key === 'then' || key === 'else' || key === 'not') {
      const part = renameSchema(value as Schema, context);
      if (part === undefined) return undefined;
      out[key] = part;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function strip(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) if (!key.startsWith('x-') || key === 'x-fim-id' || key === 'x-fim-rule') out[key] = value;
  return out;
}
