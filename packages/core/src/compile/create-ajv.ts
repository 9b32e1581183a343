import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CodeKeywordDefinition, Options } from 'ajv';
import addFormats from 'ajv-formats';
import { uniqueItems } from './unique-items.js';
import { additionalProperties } from './additional-properties.js';
import { dateFormat } from './date-format.js';
import { limitLength } from './limit-length.js';

/** Keywords civicflow adds to JSON Schema; Ajv's strict mode rejects every other unknown keyword. */
export const extraKeywords: Readonly<Record<string, object>> = {
  'x-personal-data': { type: 'boolean' },
  'x-retention': { type: 'string' },
  // The law that obliges keeping a personal field for its x-retention, which an erasure on request then leaves in place.
  'x-retention-basis': { type: 'string', minLength: 1, maxLength: 200 },
  'x-fim-id': { type: 'string' },
  // The version of the FIM Stammdatenschema a form was imported from (@civicflow/fim), for the FIT-Connect schema URI.
  'x-fim-version': { type: 'string' },
  // The FIM rule (Regel) a condition was imported from, so that a designer sees where it came from.
  'x-fim-rule': { type: 'string' },
  // The largest file (in bytes) that a file field accepts; the widget refuses bigger files before uploading.
  'x-max-bytes': { type: 'integer', minimum: 1 },
  // A value worked out from the form's other answers (see parse-expression.ts); the person does not type it.
  'x-derived': { type: 'string', minLength: 1, maxLength: 2000 },
};

/** What civicflow's Ajv does beyond Ajv's own options. */
export interface CreateAjvOptions {
  /**
   * Ajv's own `uniqueItems`, which compares every pair of items, instead of the one-pass check (same errors). Only
   * for code that checks a person's own data in a browser, where lists are short and every byte of code counts.
   */
  pairwiseUniqueItems?: boolean;
  /**
   * Ajv's own `additionalProperties`, which looks each key up in the schema's `properties`, instead of a `Set` of
   * the names (same errors). For code that checks a person's own data in a browser, where the names need not be
   * written twice.
   */
  lookupAdditionalProperties?: boolean;
}

/**
 * An Ajv for form data and conditions: draft 2020-12, all errors, formats, strict about unknown keywords, and a
 * `uniqueItems` whose work grows with the list, not with its square. A limit may be another field's value
 * (`{ "$data": "1/start" }`, a relative JSON pointer), so rules across fields stay JSON Schema; ajv-formats' keywords
 * compare dates (`formatExclusiveMinimum`), which JSON Schema alone cannot.
 */
export function createAjv(options: Options = {}, civicflow: CreateAjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    messages: false,
    $data: true,
    ...options,
  });
  addFormats.default(ajv, { keywords: true });
  // A code option names where precompiled code finds the formats (ajv-formats'): leave them as they are named there.
  if (options.code?.formats === undefined) ajv.addFormat('date', dateFormat);
  if (!civicflow.pairwiseUniqueItems) replaceKeyword(ajv, uniqueItems);
  if (!civicflow.lookupAdditionalProperties) replaceKeyword(ajv, additionalProperties);
  replaceKeyword(ajv, limitLength);
  for (const [keyword, metaSchema] of Object.entries(extraKeywords)) ajv.addKeyword({ keyword, metaSchema });
  return ajv;
}

/** Puts a keyword of ours in the place of Ajv's own, where Ajv ran it (its place decides the order of errors). */
function replaceKeyword(ajv: Ajv2020, definition: CodeKeywordDefinition): void {
  const keywords = ([] as string[]).concat(definition.keyword);
  const group = ajv.RULES.rules.find((g) => g.rules.some((r) => r.keyword === keywords[0]));
  const places = keywords.map((k) => group?.rules.findIndex((r) => r.keyword === k) ?? -1);
  for (const k of keywords) ajv.removeKeyword(k);
  ajv.addKeyword(definition);
  if (!group || places.includes(-1)) return;
  // Back to their places, the first place first, so that each later index counts the rules put back before it.
  const order = keywords.map((k, i) => [k, places[i]!] as const).sort((a, b) => a[1] - b[1]);
  for (const [k, at] of order) {
    const added = group.rules.findIndex((r) => r.keyword === k);
    if (added !== -1 && added !== at) group.rules.splice(at, 0, ...group.rules.splice(added, 1));
  }
}
