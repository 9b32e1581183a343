import type { CheckContext } from './context.js';
import type { JsonSchema } from '../../model/json-schema.js';
import { walkSchema } from './walk-schema.js';
import { listFormFields } from '../../runtime/form-fields.js';
import { escapePointerToken, parsePointer } from '../../runtime/pointer.js';

/** The keywords whose limit may come from another field: comparisons the widget and the server explain on the field. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set([
  'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum',
]);

const isData = (v: unknown): v is { $data: unknown } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && '$data' in v;

/** Which data a schema node looks at, in tokens (`*` for a list's entries), or undefined where that is not known (`$defs`). */
function dataTokens(schemaPointer: string): string[] | undefined {
  const tokens = parsePointer(schemaPointer);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'properties') out.push(tokens[++i]!);
    else if (t === 'items') out.push('*');
    else if (t === '$defs' || t === 'patternProperties' || t === 'additionalProperties' || t === 'prefixItems' || t === 'contains') return undefined;
    else if (t === 'allOf' || t === 'anyOf' || t === 'oneOf' || t === 'dependentSchemas') i++;
  }
  return out;
}

/** Where a `$data` pointer leads from the data at `from`: a field path, or undefined when it leads nowhere. */
function target(ref: string, from: readonly string[]): string | undefined {
  let base: string[];
  let rest: string;
  if (ref.startsWith('/') || ref === '') {
    base = [];
    rest = ref;
  } else {
    const m = /^(0|[1-9][0-9]*)(.*)$/.exec(ref);
    if (!m) return undefined;
    const up = Number(m[1]);
    if (up > from.length || m[2] === '#') return undefined;
    base = from.slice(0, from.length - up);
    rest = m[2]!;
  }
  const tokens = [...base, ...parsePointer(rest)];
  if (tokens.length === 0) return undefined;
  return tokens.filter((t) => t !== '*' && !/^(0|[1-9][0-9]*)$/.test(t)).join('.');
}

/**
 * Every `{ "$data": … }` of a form schema sits on a keyword that can compare with another field, and leads to a
 * field of the form. Ajv itself accepts a pointer to nowhere and then silently skips the rule. Returns whether it
 * found nothing (Ajv cannot compile a pointer above the data's root).
 */
export function checkDataRefs(ctx: CheckContext, schema: JsonSchema, at: string): boolean {
  let clean = true;
  const fields = new Set(listFormFields(schema).map((f) => f.path));
  walkSchema(schema, '', (node, pointer) => {
    for (const [keyword, value] of Object.entries(node)) {
      if (!isData(value)) continue;
      const where = `${at}${pointer}/${escapePointerToken(keyword)}`;
      if (!DATA_KEYWORDS.has(keyword)) {
        ctx.report('DATA_REF_KEYWORD', where, { keyword });
        clean = false;
        continue;
      }
      const from = dataTokens(pointer);
      if (from === undefined) continue;
      const ref = value.$data;
      const path = typeof ref === 'string' ? target(ref, from) : undefined;
      if (path !== undefined && fields.has(path)) continue;
      ctx.report('DATA_REF_UNKNOWN', `${where}/$data`, { ref: String(ref) });
      clean = false;
    }
  });
  return clean;
}
