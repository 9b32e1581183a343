/**
 * A reader for the German sentences FIM editors write as rules (Regeln): a tokenizer and a small
 * recursive-descent parser. It reads a condition on fields and what then happens to fields or groups:
 *
 * ```
 * rule        := "wenn" condition ","? "dann"? consequence
 *              | consequence ","? "wenn" condition
 * condition   := conjunction ("oder" conjunction)*
 * conjunction := test ("und" test)*
 * test        := "nicht"? filler* reference predicate
 * predicate   := words, quoted values, numbers and dates up to the next "und"/"oder" that starts a test
 * consequence := references and the words of one known phrase ("wird zur Pflichtangabe", "entfällt", …)
 * ```
 *
 * It knows field and group ids (`F60000227`, `G60000091`), never the schema: a value is kept as written
 * ("03 Sonstiges", "03" or "Sonstiges") and matched against the field's choices when the rule is applied.
 * A sentence outside this grammar is refused with the reason; nothing is guessed.
 */

/** A lexical unit of a rule sentence. */
export type Token =
  | { readonly kind: 'id'; readonly text: string }
  | { readonly kind: 'quoted'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string; readonly value: number }
  | { readonly kind: 'date'; readonly text: string; readonly value: string }
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'op'; readonly text: string }
  | { readonly kind: 'comma' | 'end'; readonly text: string };

/** A reference to a field or group: its id and, when the text gives one, its name. */
export interface Reference {
  readonly id: string;
  readonly name?: string;
}

export type Comparator = '=' | '>' | '>=' | '<' | '<=';

/** What a condition asks of one field. */
export type Test =
  | { readonly op: 'yes' }
  | { readonly op: 'no' }
  | { readonly op: 'filled' }
  /** "ausgewählt", "gewählt" without a value: yes for a yes/no field, filled in for any other. */
  | { readonly op: 'selected' }
  /** One of these values, as written: a code, a label, or a code with its label. */
  | { readonly op: 'in'; readonly values: readonly string[] }
  | { readonly op: 'compare'; readonly comparator: Comparator; readonly number: number; readonly age: boolean }
  | { readonly op: 'compare-date'; readonly comparator: Comparator; readonly date: string };

export type Condition =
  | { readonly kind: 'test'; readonly field: Reference; readonly test: Test }
  | { readonly kind: 'not'; readonly part: Condition }
  | { readonly kind: 'and' | 'or'; readonly parts: readonly Condition[] };

/**
 * What a rule does to its targets while its condition holds: `required` they must be filled in; `shown`
 * they are asked only then; `hidden` they are not asked then.
 */
export type Effect = 'required' | 'shown' | 'hidden';

export interface ParsedRule {
  readonly condition: Condition;
  readonly effect: Effect;
  /** The fields or groups the consequence names; empty when it names none (the rule's `ziel` or owner then). */
  readonly targets: readonly Reference[];
}

/** A sentence outside the grammar; `parseRule` turns it into the reason of a rule not understood. */
class RuleSyntaxError extends Error {
  readonly code = 'RULE_NOT_UNDERSTOOD';
}

const ID = /^[FG]\d{5,}$/;

/** Splits a rule sentence into tokens. Typographic quotes count as quotes; ids inside quotes stay quoted. */
export function tokenize(text: string): Token[] {
  const clean = text.replace(/[„“”«»‚‘’]/g, '"').replace(/\s+/g, ' ').trim();
  const tokens: Token[] = [];
  const pattern =
    /"([^"]*)"|(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\p{L}\d])|([\p{L}][\p{L}\d-]*\.?)|(>=|<=|!=|=|>|<|≥|≤)|(,|;|:|\(|\))|(\.)|(\S)/gu;
  for (const m of clean.matchAll(pattern)) {
    if (m[1] !== undefined) tokens.push({ kind: 'quoted', text: m[1].trim() });
    else if (m[2] !== undefined) tokens.push({ kind: 'date', text: m[0], value: `${m[4]}-${m[3]!.padStart(2, '0')}-${m[2].padStart(2, '0')}` });
    else if (m[5] !== undefined) {
      // German numbers: "1.500" is fifteen hundred, "3,5" three and a half.
      const german = /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(m[5]) ? m[5].replace(/\./g, '').replace(',', '.') : m[5].replace(',', '.');
      tokens.push({ kind: 'number', text: m[5], value: Number(german) });
    }
    else if (m[6] !== undefined) {
      // A word keeps its final dot only as an abbreviation ("bzw.", "z.B."); a sentence's last dot ends it.
      const word = m[6];
      const abbreviation = /^(bzw|ggf|z\.?b|u\.?a|evtl|bspw|inkl|ca)\.$/i.test(word);
      const bare = word.endsWith('.') && !abbreviation ? word.slice(0, -1) : word;
      tokens.push(ID.test(bare) ? { kind: 'id', text: bare } : { kind: 'word', text: bare });
      if (bare !== word) tokens.push({ kind: 'end', text: '.' });
    } else if (m[7] !== undefined) tokens.push({ kind: 'op', text: m[7] === '≥' ? '>=' : m[7] === '≤' ? '<=' : m[7] });
    else if (m[8] !== undefined) tokens.push({ kind: 'comma', text: m[8] });
    else if (m[9] !== undefined) tokens.push({ kind: 'end', text: '.' });
    else tokens.push({ kind: 'word', text: m[0] });
  }
  return tokens;
}

const lower = (t: Token | undefined) => (t && t.kind === 'word' ? t.text.toLowerCase() : '');
const isWord = (t: Token | undefined, ...words: string[]) => words.includes(lower(t));

/** Words that may stand between a connective and the reference a test is about: "bei dem Feld F1". */
const REFERENCE_FILLER = new Set(['person', 'antragsteller', 'antragstellerin', 'antragstellende', 'bei', 'im', 'in', 'das', 'dem', 'der', 'die', 'des', 'den', 'feld', 'datenfeld', 'feldgruppe', 'datenfeldgruppe', 'gruppe', 'angabe', 'von', 'laut', 'unter', 'zu', 'zum', 'zur', 'für', 'auch', 'ebenfalls']);
const IF = new Set(['wenn', 'falls', 'sofern']);

/** A quoted text that starts with an id is a reference with its name: `"F60000227 Art des Antrags"`. */
function quotedReference(token: Token | undefined): Reference | undefined {
  if (token?.kind !== 'quoted') return undefined;
  const m = /^([FG]\d{5,})\b\s*(.*)$/.exec(token.text);
  return m ? { id: m[1]!, ...(m[2] ? { name: m[2] } : {}) } : undefined;
}

/**
 * Reads one rule sentence.
 *
 * @returns the rule, or the reason it does not follow the grammar.
 */
export function parseRule(text: string): ParsedRule | { reason: string } {
  try {
    return new Parser(tokenize(text)).rule();
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { reason: e.message };
    throw e;
  }
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  rule(): ParsedRule {
    // Cut at the first sentence end: a rule is one sentence.
    const end = this.tokens.findIndex((t) => t.kind === 'end');
    if (end !== -1 && this.tokens.slice(end + 1).some((t) => t.kind !== 'end')) throw new RuleSyntaxError('it has more than one sentence');
    const body = end === -1 ? this.tokens : this.tokens.slice(0, end);
    const ifAt = body.findIndex((t) => IF.has(lower(t)));
    if (ifAt === -1) throw new RuleSyntaxError('it has no "wenn" (if) clause');
    if (body.slice(ifAt + 1).some((t) => IF.has(lower(t)))) throw new RuleSyntaxError('it has more than one "wenn" clause');
    if (ifAt === 0) {
      // "Wenn C, dann T …" or "Wenn C, T …": the condition ends at the comma (or at "dann").
      let split = body.findIndex((t, i) => i > 0 && (isWord(t, 'dann') || (t.kind === 'comma' && t.text === ',' && this.consequenceFollows(body, i + 1))));
      if (split === -1) throw new RuleSyntaxError('the "wenn" clause is not followed by a consequence');
      const condition = this.condition(body.slice(1, split));
      if (body[split]!.kind === 'comma' && isWord(body[split + 1], 'dann')) split++;
      return { condition, ...this.consequence(body.slice(split + 1), false) };
    }
    // "T ist nur dann …, wenn C": the consequence comes first.
    let consequenceEnd = ifAt;
    if (body[consequenceEnd - 1]?.kind === 'comma') consequenceEnd--;
    return { ...this.consequence(body.slice(0, consequenceEnd), true), condition: this.condition(body.slice(ifAt + 1)) };
  }

  /** Whether the tokens from `from` read as a consequence: they hold a reference or a verb that starts one. */
  private consequenceFollows(body: readonly Token[], from: number): boolean {
    const t = body[from];
    return isWord(t, 'dann', 'ist', 'sind', 'wird', 'werden', 'muss', 'müssen', 'entfällt', 'entfallen', 'so') || t?.kind === 'id' || quotedReference(t) !== undefined || isWord(t, 'das', 'die', 'der', 'feld', 'feldgruppe', 'datenfeld', 'datenfeldgruppe', 'gruppe');
  }

  // ---- consequence ----------------------------------------------------------------------------------------

  private consequence(tokens: readonly Token[], conditionFollows: boolean): { effect: Effect; targets: Reference[] } {
    const targets: Reference[] = [];
    const words: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const quoted = quotedReference(t);
      if (quoted) targets.push(quoted);
      else if (t.kind === 'id') {
        // An id may be followed by its name in quotes: `G60000091 "Angaben zur Sonstigen Art"`.
        const name = tokens[i + 1]?.kind === 'quoted' && !quotedReference(tokens[i + 1]) ? tokens[++i]!.text : undefined;
        targets.push({ id: t.text, ...(name ? { name } : {}) });
      } else if (t.kind === 'word') words.push(t.text.toLowerCase());
      else if (t.kind === 'comma' && t.text === ',') continue;
      else throw new RuleSyntaxError(`its consequence holds "${t.text}", which is neither an id nor a word`);
    }
    const phrase = words.filter((w) => !CONSEQUENCE_FILLER.has(w)).join(' ');
    const found = CONSEQUENCES.find(([pattern]) => pattern.test(phrase));
    if (!found) throw new RuleSyntaxError(`its consequence "${phrase}" is none the import knows (required, shown, hidden)`);
    let effect = found[1];
    // "T ist nur dann auszufüllen, wenn C": T is asked only while C holds.
    if (conditionFollows && effect === 'required' && /\bnur\b/.test(phrase)) effect = 'shown';
    else if (/\bnur\b/.test(phrase)) throw new RuleSyntaxError(`its consequence "${phrase}" says "nur" (only) where the import does not know what it restricts`);
    return { effect, targets };
  }

  // ---- condition ------------------------------------------------------------------------------------------

  condition(tokens: readonly Token[]): Condition {
    if (tokens.length === 0) throw new RuleSyntaxError('its "wenn" clause is empty');
    if (tokens.some((t) => isWord(t, 'entweder', 'weder', 'außer', 'ausser', 'sofern', 'soweit'))) {
      throw new RuleSyntaxError('its condition has "entweder", "weder" or an exception, which the import does not read');
    }
    const parts = this.splitTests(tokens);
    // "und" binds more strongly than "oder".
    const disjuncts: Condition[][] = [[]];
    for (const part of parts) {
      if (part.joiner === 'oder') disjuncts.push([]);
      disjuncts[disjuncts.length - 1]!.push(this.test(part.tokens));
    }
    const conjunctions = disjuncts.map((d) => (d.length === 1 ? d[0]! : { kind: 'and' as const, parts: d }));
    return conjunctions.length === 1 ? conjunctions[0]! : { kind: 'or', parts: conjunctions };
  }

  /**
   * Cuts a condition into tests at the "und"/"oder" (or comma) that is followed by a new reference. An "oder"
   * between two values ("03" oder "04") stays inside its test.
   */
  private splitTests(tokens: readonly Token[]): { joiner: 'und' | 'oder' | undefined; tokens: Token[] }[] {
    const parts: { joiner: 'und' | 'oder' | undefined; tokens: Token[] }[] = [{ joiner: undefined, tokens: [] }];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const joiner = isWord(t, 'und', 'sowie') ? 'und' : isWord(t, 'oder', 'bzw.') ? 'oder' : undefined;
      if (joiner && this.referenceAhead(tokens, i + 1) && parts[parts.length - 1]!.tokens.some((x) => x.kind === 'id' || quotedReference(x))) {
        parts.push({ joiner, tokens: [] });
        continue;
      }
      parts[parts.length - 1]!.tokens.push(t);
    }
    return parts;
  }

  /** Whether a reference follows at `from`, after words like "bei dem Feld" or "nicht". */
  private referenceAhead(tokens: readonly Token[], from: number): boolean {
    let i = from;
    while (i < tokens.length && (REFERENCE_FILLER.has(lower(tokens[i])) || isWord(tokens[i], 'nicht', 'wenn'))) i++;
    return tokens[i]?.kind === 'id' || quotedReference(tokens[i]) !== undefined;
  }

  private test(tokens: Token[]): Condition {
    let i = 0;
    let negated = false;
    while (i < tokens.length && (REFERENCE_FILLER.has(lower(tokens[i])) || isWord(tokens[i], 'nicht'))) {
      if (isWord(tokens[i], 'nicht')) negated = !negated;
      i++;
    }
    const t = tokens[i];
    let field = quotedReference(t);
    const trailing: string[] = [];
    if (!field && t?.kind === 'id') {
      field = { id: t.text };
      // Quoted texts right after a bare id: the field's name, or the values the test asks for.
      while (tokens[i + 1]?.kind === 'quoted' && !quotedReference(tokens[i + 1])) {
        trailing.push(tokens[i + 1]!.text);
        i++;
        if (isWord(tokens[i + 1], 'oder', 'bzw.') || (tokens[i + 1]?.kind === 'comma' && tokens[i + 2]?.kind === 'quoted')) i++;
      }
    }
    if (!field) throw new RuleSyntaxError(`a part of its condition ("${tokens.map((x) => x.text).join(' ')}") names no field id`);
    const rest = tokens.slice(i + 1);
    const predicate = readPredicate(rest, field.id);
    let test = predicate.test;
    if (trailing.length > 0) {
      if (test.op === 'filled' || test.op === 'selected') test = { op: 'in', values: trailing };
      else if (trailing.length > 1) throw new RuleSyntaxError(`${field.id} is followed by ${trailing.length} quoted texts and a test of its own`);
      else field = { id: field.id, name: trailing[0]! };
    }
    const leaf: Condition = { kind: 'test', field, test };
    return negated !== predicate.negated ? { kind: 'not', part: leaf } : leaf;
  }
}

/** Words of a consequence that say nothing about its effect. */
const CONSEQUENCE_FILLER = new Set(['dann', 'so', 'das', 'die', 'der', 'den', 'dem', 'feld', 'felder', 'datenfeld', 'datenfelder', 'feldgruppe', 'feldgruppen', 'datenfeldgruppe', 'gruppe', 'gruppen', 'und', 'sowie', 'auch', 'ebenfalls', 'zwingend', 'jeweils', 'angaben', 'angabe', 'in', 'im']);

/** The consequences the import knows, by their words after the filler is dropped. */
const CONSEQUENCES: readonly (readonly [RegExp, Effect])[] = [
  [/^(ist|sind|wird|werden) (eine |zur |zu |)pflicht(angabe|angaben|feld|felder|)$/, 'required'],
  [/^(ist|sind) (nur |)(auszufüllen|anzugeben|zu befüllen|zu erfassen|verpflichtend|erforderlich|pflicht)$/, 'required'],
  [/^(ist|sind) (nur |)(verpflichtend|zwingend) (auszufüllen|anzugeben|zu befüllen)$/, 'required'],
  [/^(muss|müssen) (nur |)(angegeben|ausgefüllt|befüllt|erfasst) werden$/, 'required'],
  [/^(wird|werden) (verpflichtend|erforderlich)$/, 'required'],
  [/^(wird|werden) (eingeblendet|angezeigt|sichtbar)$/, 'shown'],
  [/^(ist|sind) (nur |)(sichtbar|anzuzeigen|einzublenden)$/, 'shown'],
  [/^(wird|werden) (ausgeblendet|nicht angezeigt)$/, 'hidden'],
  [/^(entfällt|entfallen)$/, 'hidden'],
  [/^(ist|sind) (nicht auszufüllen|nicht anzugeben|nicht zu befüllen|auszublenden|nicht sichtbar)$/, 'hidden'],
  [/^(darf|dürfen) nicht (angegeben|ausgefüllt|befüllt) werden$/, 'hidden'],
];

/** Words of a predicate that say what is tested, by the test they mean. */
const YES = new Set(['bejaht', 'angekreuzt', 'ja', 'zugestimmt', 'markiert', 'aktiviert']);
const SELECTED = new Set(['ausgewählt', 'gewählt', 'gesetzt']);
const NO = new Set(['verneint', 'nein']);
const FILLED = new Set(['ausgefüllt', 'befüllt', 'angegeben', 'eingetragen', 'vorhanden', 'erfasst', 'gemacht']);
/** Words that may appear in a predicate without changing it. */
const PREDICATE_FILLER = new Set([
  'ist', 'sind', 'wird', 'werden', 'wurde', 'wurden', 'hat', 'haben', 'worden', 'mit', 'den', 'dem', 'der', 'die', 'das', 'wert', 'werte', 'als',
  'beantwortet', 'antwort', 'auf', 'gesetzt', 'eintrag', 'eingabe', 'ein', 'eine', 'einer', 'einen', 'feld', 'datenfeld', 'angabe', 'option', 'auswahl',
  'ausgewählt', 'gewählt', 'angegeben', 'eingetragen', 'angekreuzt', 'markiert', 'lautet', 'enthält', 'beträgt', 'liegt', 'datum', 'tag',
  'euro', 'eur', 'prozent', 'personen', 'stück', 'monate', 'monaten', 'tage', 'tagen', 'jahr', 'jahre', 'jahren', 'alt', 'bei', 'im', 'in', 'es', 'sich', 'handelt', 'um',
]);
const COMPARATOR_WORDS: readonly (readonly [RegExp, Comparator])[] = [
  [/^(größer|mehr|über|später|nach) (als )?(oder|bzw\.) gleich$/, '>='],
  [/^(kleiner|weniger|unter|früher|vor) (als )?(oder|bzw\.) gleich$/, '<='],
  [/^(mindestens|ab|nicht weniger als|nicht kleiner als|frühestens)$/, '>='],
  [/^(höchstens|maximal|bis|bis zum|nicht mehr als|nicht größer als|spätestens)$/, '<='],
  [/^(größer als|mehr als|über|später als|nach|älter als)$/, '>'],
  [/^(kleiner als|weniger als|unter|früher als|vor|jünger als)$/, '<'],
  [/^(gleich|genau)$/, '='],
];

/** Reads what a test asks of its field from the tokens after the reference. */
function readPredicate(tokens: readonly Token[], fieldId: string): { test: Test; negated: boolean } {
  let negated = false;
  const values: string[] = [];
  const words: string[] = [];
  let operand: Token | undefined;
  let symbol: Comparator | undefined;
  const comparatorWords: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = lower(t);
    if (t.kind === 'quoted') {
      if (/^ja$/i.test(t.text)) words.push('ja');
      else if (/^nein$/i.test(t.text)) words.push('nein');
      else values.push(t.text);
    } else if (t.kind === 'number' || t.kind === 'date') {
      if (operand) throw new RuleSyntaxError(`its test of ${fieldId} holds two numbers or dates`);
      operand = t;
    } else if (t.kind === 'op') {
      if (t.text === '!=') negated = !negated;
      else symbol = t.text as Comparator;
    } else if (t.kind === 'comma' && t.text === ',') {
      continue;
    } else if (t.kind === 'word') {
      if (w === 'nicht' || w === 'kein' || w === 'keine' || w === 'keinen') {
        // "nicht weniger als", "nicht mehr als" are comparators of their own.
        if (isWord(tokens[i + 1], 'weniger', 'mehr', 'kleiner', 'größer') && !operand) comparatorWords.push(w);
        else negated = !negated;
      } else if (['größer', 'kleiner', 'mehr', 'weniger', 'mindestens', 'höchstens', 'maximal', 'ab', 'bis', 'über', 'unter', 'früher', 'später', 'vor', 'nach', 'frühestens', 'spätestens', 'älter', 'jünger', 'gleich', 'genau'].includes(w) || (w === 'als' && comparatorWords.length > 0 && !operand) || ((w === 'oder' || w === 'bzw.') && comparatorWords.length > 0 && !operand) || (w === 'zum' && comparatorWords.includes('bis'))) {
        comparatorWords.push(w);
        if (w === 'älter' || w === 'jünger') words.push('alt');
      } else if ((w === 'oder' || w === 'bzw.') && (tokens[i + 1]?.kind === 'quoted' || tokens[i + 1]?.kind === 'number')) {
        continue;
      } else {
        words.push(w);
      }
    } else throw new RuleSyntaxError(`its test of ${fieldId} holds "${t.text}", which the import does not read`);
  }
  const unknown = words.filter((w) => !PREDICATE_FILLER.has(w) && !YES.has(w) && !NO.has(w) && !FILLED.has(w) && !SELECTED.has(w) && w !== 'oder' && w !== 'bzw.');
  if (unknown.length > 0) throw new RuleSyntaxError(`its test of ${fieldId} has words the import does not read: "${unknown.join(' ')}"`);
  const comparatorText = comparatorWords.join(' ');
  let comparator: Comparator | undefined = symbol;
  if (comparatorText) {
    const found = COMPARATOR_WORDS.find(([pattern]) => pattern.test(comparatorText));
    if (!found || symbol) throw new RuleSyntaxError(`its test of ${fieldId} compares with "${comparatorText}", which the import does not read`);
    comparator = found[1];
  }
  if (operand && values.length === 0 && comparator === undefined && (words.includes('den') || words.includes('wert') || words.length === 0 || words.some((w) => SELECTED.has(w) || FILLED.has(w)))) {
    // "den Wert 03 hat": an unquoted code.
    return { test: { op: 'in', values: [operand.text] }, negated };
  }
  if (comparator !== undefined || operand) {
    if (!operand) throw new RuleSyntaxError(`its test of ${fieldId} compares with nothing`);
    if (values.length > 0) throw new RuleSyntaxError(`its test of ${fieldId} compares with a number and names a value`);
    const c = comparator ?? '=';
    if (operand.kind === 'date') return { test: { op: 'compare-date', comparator: c, date: operand.value }, negated };
    const age = words.includes('alt') || comparatorWords.includes('älter') || comparatorWords.includes('jünger');
    return { test: { op: 'compare', comparator: c, number: (operand as { value: number }).value, age }, negated };
  }
  if (values.length > 0) return { test: { op: 'in', values }, negated };
  const yes = words.some((w) => YES.has(w));
  const no = words.some((w) => NO.has(w));
  if (yes && no) throw new RuleSyntaxError(`its test of ${fieldId} says both yes and no`);
  if (no) return { test: { op: 'no' }, negated };
  if (yes) return { test: { op: 'yes' }, negated };
  if (words.some((w) => SELECTED.has(w))) return { test: { op: 'selected' }, negated };
  if (words.some((w) => FILLED.has(w))) return { test: { op: 'filled' }, negated };
  throw new RuleSyntaxError(`its test of ${fieldId} does not say what it asks (a value, yes or no, a comparison)`);
}
