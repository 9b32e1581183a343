import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Issue } from '../runtime/errors.js';
import { formSchema, programSchema, workflowSchema } from '../model/generated/schemas.js';
import { escapePointerToken } from '../runtime/pointer.js';
import { fillMessage } from '../messages/index.js';
import { forLocale } from '../runtime/locale.js';
import { issueMessage } from '../messages/issues.js';

let metaValidator: ValidateFunction | undefined;

function meta(): ValidateFunction {
  if (!metaValidator) {
    // $data: form schemas may take a limit from another field (see createAjv), which the meta-schema then accepts.
    const ajv = new Ajv2020({ allErrors: true, strict: false, $data: true });
    addFormats.default(ajv);
    ajv.addSchema(formSchema).addSchema(workflowSchema);
    metaValidator = ajv.compile(programSchema);
  }
  return metaValidator;
}

const DETAILS: Record<'en' | 'de', Record<string, string>> = {
  en: {
    required: 'the property "{missingProperty}" is missing',
    additionalProperties: 'the property "{additionalProperty}" is not part of the format',
    type: 'must be of type {type}',
    pattern: 'must match the pattern {pattern}',
    enum: 'must be one of {allowedValues}',
    const: 'must be {allowedValue}',
    minItems: 'must have at least {limit} entries',
    maxItems: 'must have at most {limit} entries',
    minProperties: 'must have at least {limit} entries',
    minLength: 'must have at least {limit} characters',
    maxLength: 'must have at most {limit} characters',
    uniqueItems: 'entries {i} and {j} are the same',
    propertyNames: 'the name "{propertyName}" is not allowed here',
    anyOf: 'matches none of the allowed shapes',
    other: 'fails the "{keyword}" rule',
  },
  de: {
    required: 'die Eigenschaft „{missingProperty}“ fehlt',
    additionalProperties: 'die Eigenschaft „{additionalProperty}“ gehört nicht zum Format',
    type: 'muss vom Typ {type} sein',
    pattern: 'muss dem Muster {pattern} entsprechen',
    enum: 'muss einer dieser Werte sein: {allowedValues}',
    const: 'muss {allowedValue} sein',
    minItems: 'muss mindestens {limit} Einträge haben',
    maxItems: 'darf höchstens {limit} Einträge haben',
    minProperties: 'muss mindestens {limit} Einträge haben',
    minLength: 'muss mindestens {limit} Zeichen haben',
    maxLength: 'darf höchstens {limit} Zeichen haben',
    uniqueItems: 'die Einträge {i} und {j} sind gleich',
    propertyNames: 'der Name „{propertyName}“ ist hier nicht erlaubt',
    anyOf: 'passt zu keiner der erlaubten Formen',
    other: 'verletzt die Regel „{keyword}“',
  },
};

function toIssue(e: ErrorObject, locale: string): Issue {
  let pointer = e.instancePath;
  if (e.keyword === 'required') pointer += '/' + escapePointerToken(String(e.params['missingProperty']));
  if (e.keyword === 'additionalProperties') pointer += '/' + escapePointerToken(String(e.params['additionalProperty']));
  const details = forLocale(DETAILS, locale) ?? DETAILS.en;
  const template = details[e.keyword] ?? details['other']!;
  const detail = fillMessage(template, { ...e.params, keyword: e.keyword });
  return {
    code: 'SCHEMA_INVALID',
    pointer,
    message: fillMessage(issueMessage(locale, 'meta'), { detail }),
    params: { keyword: e.keyword, ...e.params },
  };
}

/** Checks a definition against schemas/program.schema.json; returns every problem, with pointers. */
export function metaValidate(definition: unknown, locale: string): Issue[] {
  const validate = meta();
  if (validate(definition)) return [];
  const errors = validate.errors ?? [];
  // Inside a failed anyOf every branch reports. Type mismatches of the branches say nothing useful; what a
  // branch found beyond its type (a typo in an object entry) is kept, else the anyOf itself speaks.
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const kept = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf' && !(e.keyword === 'type' && anyOfAt.has(e.instancePath)));
  for (const at of anyOfAt) {
    if (!kept.some((e) => e.instancePath === at || e.instancePath.startsWith(at + '/'))) {
      kept.push(errors.find((e) => e.keyword === 'anyOf' && e.instancePath === at)!);
    }
  }
  const issues = kept.map((e) => toIssue(e, locale));
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
