/** A rule of the form "if field X has value V then Y is required (or shown)", read from its free text. */
export interface ParsedRule {
  /** `shown`: the targets are shown (and asked) only while the condition holds; `required`: they must be filled in then. */
  readonly effect: 'shown' | 'required';
  /** FIM ids of the fields or groups the rule is about, as written in the text. */
  readonly targets: readonly string[];
  /** FIM id of the field the condition looks at. */
  readonly source: string;
  /** `true` for "bejaht", `false` for "verneint", else the value (a code or its label). */
  readonly value: boolean | string;
}

const ID = /\b[FG]\d{5,}\b/g;
const SHOWN = /(nur\s+(dann\s+)?(zu\s+befüllen|auszufüllen|anzugeben|zu\s+erfassen|anzuzeigen|einzublenden|sichtbar)|anzuzeigen|einzublenden|sichtbar)/i;
const REQUIRED = /(zu\s+befüllen|auszufüllen|anzugeben|zu\s+erfassen|befüllt\s+werden|angegeben\s+werden|ausgefüllt\s+werden|pflicht(feld|angabe)?|verpflichtend|erforderlich)/i;

/**
 * Reads the common German phrasings of a conditional rule:
 * `"F1 …" und "F2 …" sind nur dann zu befüllen, wenn "F3 …" bejaht wurde` (shown),
 * `Wenn "F3 …" den Wert "V" hat, ist "F1 …" anzugeben` or `"F1 …" ist Pflicht, wenn "F3 …" verneint wurde` (required).
 *
 * @returns the rule, or the reason it was not understood.
 */
export function parseRule(text: string): ParsedRule | { reason: string } {
  const clean = text.replace(/[„“”«»]/g, '"').replace(/\s+/g, ' ').trim();
  const parts = clean.split(/\bwenn\b/i);
  if (parts.length !== 2) return { reason: parts.length < 2 ? 'it has no "wenn" (if) clause' : 'it has more than one "wenn" clause' };
  let [consequence, condition] = parts as [string, string];
  // "Wenn C, dann ist T zu befüllen": the consequence follows the condition.
  if (consequence.trim() === '') {
    const split = /^([^,]*),\s*(?:dann\s+)?(.*)$/i.exec(condition.trim());
    if (!split) return { reason: 'the "wenn" clause is not followed by a consequence' };
    condition = split[1]!;
    consequence = split[2]!;
  }
  if (/\b(oder|entweder|nicht|kein|keine|sofern|außer|ausser)\b/i.test(condition)) return { reason: 'its condition has "oder", a negation or an exception' };
  if (/\b(entweder|nicht|kein|keine|höchstens|mindestens)\b/i.test(consequence)) return { reason: 'its consequence is not a plain "required" or "shown"' };
  const sources = condition.match(ID) ?? [];
  const targets = consequence.match(ID) ?? [];
  if (sources.length !== 1) return { reason: sources.length === 0 ? 'its condition names no field id' : 'its condition names more than one field' };
  if (targets.length === 0) return { reason: 'it names no field or group id to act on' };
  const effect = SHOWN.test(consequence) ? 'shown' : REQUIRED.test(consequence) ? 'required' : undefined;
  if (!effect) return { reason: 'it says neither that the fields are required nor that they are shown' };
  const value = conditionValue(condition.slice(condition.indexOf(sources[0]!) + sources[0]!.length));
  if (value === undefined) return { reason: 'the value its condition asks for is not clear' };
  return { effect, targets, source: sources[0]!, value };
}

function conditionValue(afterSource: string): boolean | string | undefined {
  // Skip the quoted name that follows the id: "F00001027 Krankenversicherung vorhanden".
  const rest = afterSource.replace(/^[^"]*"/, '');
  if (/\b(bejaht|angekreuzt|mit\s+"?ja"?\s+beantwortet)\b/i.test(rest) || /=\s*"?(ja|true)"?/i.test(rest)) return true;
  if (/\b(verneint|mit\s+"?nein"?\s+beantwortet)\b/i.test(rest) || /=\s*"?(nein|false)"?/i.test(rest)) return false;
  const quoted = /(?:wert|=|mit)\s*"([^"]+)"/i.exec(rest) ?? /"([^"]+)"\s*(ausgewählt|gewählt|angegeben|ist|hat)/i.exec(rest);
  return quoted ? quoted[1]!.trim() : undefined;
}
