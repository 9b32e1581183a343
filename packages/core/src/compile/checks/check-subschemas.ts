import { isSafePattern } from 'redos-detector';
import type { CheckContext } from './context.js';
import { KNOWN_KEYWORDS, walkSchema } from './walk-schema.js';
import { escapePointerToken } from '../../runtime/pointer.js';
import { forbiddenKeys } from '../../runtime/check-input.js';
import { extraKeywords } from '../create-ajv.js';
import { createAjv } from '../create-ajv.js';
import { isDuration } from '../../runtime/duration.js';
import { checkReferences } from './check-references.js';
import { listFormFields } from '../../runtime/form-fields.js';
import type { JsonSchema } from '../../model/json-schema.js';

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// The keys the input guard refuses, names every object inherits among them: no form may declare one.
const RESERVED = new Set(forbiddenKeys);

const safety = new Map<string, boolean>();

/**
 * Whether a regular expression cannot backtrack catastrophically; analysis that gives up counts as unsafe. The
 * analysis is bounded by its steps alone, never by a clock: with a time limit, a busy machine had found
 * `^[0-9]{8}$` unsafe and refused a program another machine accepted. The patterns that use all 3,000 steps take
 * about a second at most, on a busy machine.
 */
export function isPatternSafe(pattern: string): boolean {
  let safe = safety.get(pattern);
  if (safe === undefined) {
    try {
      safe = isSafePattern(pattern, { unicode: true, maxSteps: 3000 }).safe;
    } catch {
      safe = true; // a pattern redos-detector cannot parse is left to Ajv, which reports invalid ones
    }
    safety.set(pattern, safe);
  }
  return safe;
}

/**
 * Pointers (inside a form schema) of the field schemas where a legal basis for keeping has a retention period to go
 * with: every field that schema describes has `x-retention` of its own or from an enclosing field (or the root), and
 * the declarations of such fields, where a mark may sit beside a `$ref`. A basis anywhere else (a branch of `allOf`, a
 * field without retention) would oblige keeping nothing.
 */
function pointersWithRetention(schema: unknown): Set<string> {
  const fields = listFormFields(schema as JsonSchema);
  const out = new Set<string>();
  for (const f of fields) if (f.retention !== undefined) out.add(f.schemaPointer).add(f.declaredAt);
  for (const f of fields) {
    if (f.retention !== undefined) continue;
    out.delete(f.schemaPointer);
    out.delete(f.declaredAt);
  }
  // A retention on the root covers every field, so a basis beside it has a period to go with.
  if (typeof (schema as Record<string, unknown> | null)?.['x-retention'] === 'string') out.add('');
  return out;
}

/**
 * Checks a schema (a form's or a condition's) for what Ajv would report without a location, or not at all:
 * unknown keywords, unsafe patterns, bad property names, bad retention periods, and references Ajv cannot run
 * safely (see `checkReferences`). Returns whether it found nothing.
 */
export function checkSubschemas(ctx: CheckContext, schema: unknown, pointer: string, isForm: boolean): boolean {
  let clean = true;
  const report: CheckContext['report'] = (code, at, params) => {
    clean = false;
    ctx.report(code, at, params);
  };
  const withRetention = isForm ? pointersWithRetention(schema) : new Set<string>();
  walkSchema(schema, pointer, (node, at) => {
    for (const key of Object.keys(node)) {
      if (!KNOWN_KEYWORDS.has(key) && !(key in extraKeywords)) {
        report(isForm ? 'FORM_SCHEMA_INVALID' : 'CONDITION_INVALID', `${at}/${escapePointerToken(key)}`, {
          detail: `unknown keyword "${key}"`,
          keyword: key,
        });
      }
    }
    if (typeof node['pattern'] === 'string' && !isPatternSafe(node['pattern'])) {
      report('PATTERN_UNSAFE', `${at}/pattern`, { pattern: node['pattern'] });
    }
    const patternProps = node['patternProperties'];
    if (patternProps && typeof patternProps === 'object') {
      for (const p of Object.keys(patternProps)) if (!isPatternSafe(p)) report('PATTERN_UNSAFE', `${at}/patternProperties`, { pattern: p });
    }
    const retention = node['x-retention'];
    if (retention !== undefined && !isDuration(retention)) {
      report('RETENTION_INVALID', `${at}/x-retention`, { value: retention });
    }
    if (node['x-retention-basis'] !== undefined && !withRetention.has(at.slice(pointer.length))) {
      report('RETENTION_BASIS_WITHOUT_RETENTION', `${at}/x-retention-basis`);
    }
    const props = node['properties'];
    if (isForm && props && typeof props === 'object') {
      for (const name of Object.keys(props)) {
        if (!PROPERTY_NAME.test(name) || RESERVED.has(name)) report('PROPERTY_NAME_INVALID', `${at}/properties`, { name });
      }
    }
  });
  // Before Ajv compiles it: a loop of references makes Ajv's compilation overflow the stack, or its code later.
  return checkReferences(ctx, schema, pointer) && clean;
}

/** Compiles a schema with the same Ajv settings as validation; returns Ajv's complaint, if any. */
export function compileProblem(schema: unknown): string | undefined {
  try {
    createAjv().compile(schema as object);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
