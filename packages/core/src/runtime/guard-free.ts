import { isForbiddenKey, isStorableText, plainWithin, type ResolvedLimits } from './check-input.js';
import type { RawError } from './validation-error.js';
import { unescapePointerToken } from './pointer.js';

/**
 * Keywords whose failure leaves the value where the schema holds it: a missing property hides nothing, and a number
 * out of its range, a string too short or not in its pattern, a list too short or with equal items keep their type
 * (Ajv checks these keywords only on a value of theirs) and every bound the schema puts on them, which fail as
 * errors of their own (`maxLength`, `format`, `enum`, `maxItems`, `type`, …).
 */
const KEEPS_BOUNDS: ReadonlySet<string> = new Set(['required', 'dependentRequired', 'if', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'pattern', 'minItems', 'uniqueItems', 'minProperties']);

/**
 * A check of data that a schema refused with Ajv's `errors` (all of them, with `allErrors`): whether the input guard
 * (`checkInput`, with `limits`) would still find nothing in it, for a schema whose places are `storable`'s (see
 * `guardPlacesCheck` in compile/) and hold at most `held` values (see `heldValues` in compile/). Ajv looked at every value except below a
 * place where it reported an error that may leave the value unbounded: a value of the wrong type, a string too long or
 * in no bounded format, a property it does not know (see `KEEPS_BOUNDS` for those that cannot). Each such place gets
 * the guard's whole look, the values found there counted against what the limit leaves beside `held`; everywhere else
 * the schema held the data as for accepted data. Undefined when `held` leaves no room, so that the guard runs.
 */
export function guardFreeDespiteErrors(storable: (data: unknown) => boolean, held: number, limits: ResolvedLimits): ((data: unknown, errors: readonly RawError[]) => boolean) | undefined {
  if (!(held <= limits.maxValues)) return undefined;
  const room = limits.maxValues - held;
  return (data, errors) => {
    if (!storable(data)) return false;
    let left = room;
    for (let n = 0; n < errors.length; n++) {
      const e = errors[n]!;
      const keyword = e.keyword;
      if (KEEPS_BOUNDS.has(keyword)) continue;
      let node: unknown = data;
      let depth = 0;
      const at = e.instancePath;
      for (let start = 1; start <= at.length; depth++) {
        let end = at.indexOf('/', start);
        if (end === -1) end = at.length;
        if (Array.isArray(node)) node = node[indexAt(at, start, end)];
        else if (typeof node === 'object' && node !== null) node = propertyAt(node as Record<string, unknown>, at, start, end);
        else return false;
        start = end + 1;
      }
      if (keyword === 'additionalProperties' || keyword === 'unevaluatedProperties') {
        const key = String(e.params[keyword === 'additionalProperties' ? 'additionalProperty' : 'unevaluatedProperty']);
        if (typeof node !== 'object' || node === null || isForbiddenKey(key) || !isStorableText(key)) return false;
        node = (node as Record<string, unknown>)[key];
        depth++;
      }
      left = plainWithin(node, depth, limits, left);
      if (left < 0) return false;
    }
    return true;
  };
}

/**
 * The value of the property that `path` names from `start` to `end`. Its own names are compared in place: a name cut
 * out of the path is a new string, which V8 must look up in its table of names before it can read the property, and
 * that took as long as the rest of the look. Any other name (escaped, inherited or missing) is read as before.
 */
function propertyAt(node: Record<string, unknown>, path: string, start: number, end: number): unknown {
  const length = end - start;
  for (const key in node) {
    if (key.length !== length || !path.startsWith(key, start)) continue;
    if (key.includes('~')) break; // the path's text is escaped: another key may be the one it names
    return node[key];
  }
  const token = path.slice(start, end);
  return node[token.includes('~') ? unescapePointerToken(token) : token];
}

/** The list index that `text` spells from `start` to `end` (Ajv writes it in decimal), read without a substring. */
function indexAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return end > start ? n : -1;
}
