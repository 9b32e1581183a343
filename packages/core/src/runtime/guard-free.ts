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
        const token = at.slice(start, end);
        start = end + 1;
        if (Array.isArray(node)) node = node[Number(token)];
        else if (typeof node === 'object' && node !== null) node = (node as Record<string, unknown>)[token.includes('~') ? unescapePointerToken(token) : token];
        else return false;
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
