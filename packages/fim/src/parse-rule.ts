/**
 * A reader for the German sentences FIM editors write as rules (Regeln): a tokenizer and a small
 * recursive-descent parser. It reads a condition on fields and what then happens to fields or groups:
 *
 * ```
 * rule        := "wenn" condition ","? "dann"? consequence
 *              | consequence ","? "wenn" condition
 *              | consequence                                  (only "entweder … oder": no condition)
 * condition   := "entweder"? conjunction ("oder" conjunction)*
 * conjunction := test ("und" test)*
 * test        := "nicht"? filler* reference predicate
 * predicate   := words, quoted values, numbers and dates up to the next "und"/"oder" that starts a test
 * consequence := "entweder"? references and the words of one known phrase ("wird zur Pflichtangabe", "entfällt", …)
 * ```
 *
 * An age ("mindestens 18 Jahre alt") may name the day it is counted on: a date or a date field after "am",
 * "zum" or "zum Zeitpunkt":
 *
 * ```
 * Wenn die Person laut F1 "Geburtsdatum" am 30.06.2026 mindestens 18 Jahre alt ist, …
 * Wenn das Alter laut F1 zum Zeitpunkt F2 "Beginn" unter 18 Jahren liegt, …
 * ```
 *
 * It knows field and group ids (`F60000227`, `G60000091`), never the schema: a value is kept as written
 * ("03 Sonstiges", "03" or "Sonstiges") and matched against the field's choices when the rule is applied.
 * A sentence outside this grammar is refused with the reason; nothing is guessed.
 */

import { fimText } from './messages.js';
import type { RuleReason, RuleReasonCode, TextParams } from './report.js';

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
  /** `age`: the number is an age in years, of the date in the field; `on` the day it is counted on, when the rule names one. */
  | { readonly op: 'compare'; readonly comparator: Comparator; readonly number: number; readonly age: boolean; readonly on?: AgeDay }
  | { readonly op: 'compare-date'; readonly comparator: Comparator; readonly date: string };

/** The day an age is counted on: a date, or the date in another field. */
export type AgeDay = { readonly date: string } | { readonly field: Reference };

/** `one`: "entweder … oder", exactly one of its parts holds. */
export type Condition =
  | { readonly kind: 'test'; readonly field: Reference; readonly test: Test }
  | { readonly kind: 'not'; readonly part: Condition }
  | { readonly kind: 'and' | 'or' | 'one'; readonly parts: readonly Condition[] };

/**
 * What a rule does to its targets while its condition holds: `required` they must be filled in; `shown`
 * they are asked only then; `hidden` they are not asked then; `one` exactly one of them must be filled in
 * ("entweder … oder").
 */
export type Effect = 'required' | 'shown' | 'hidden' | 'one';

export interface ParsedRule {
  /** Absent for a rule that always holds ("Es muss entweder F1 oder F2 angegeben werden"). */
  readonly condition?: Condition;
  readonly effect: Effect;
  /** The fields or groups the consequence names; empty when it names none (the rule's `ziel` or owner then). */
  readonly targets: readonly Reference[];
}

/** A sentence outside the grammar; `parseRule` turns it into the reason of a rule not understood. */
class RuleSyntaxError extends Error {
  readonly code = 'RULE_NOT_UNDERSTOOD';
  constructor(readonly reason: RuleReason) {
    super(fimText('en', reason.code, reason.params));
  }
}

const refuse = (code: RuleReasonCode, params: TextParams = {}) => new RuleSyntaxError({ code, params });

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
export function parseRule(text: string): ParsedRule | ({ reason: string } & RuleReason) {
  try {
    return new Parser(tokenize(text)).rule();
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { reason: e.message, ...e.reason };
    throw e;
  }
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  rule(): ParsedRule {
    // Cut at the first sentence end: a rule is one sentence.
    const end = this.tokens.findIndex((t) => t.kind === 'end');
    if (end !== -1 && this.tokens.slice(end + 1).some((t) => t.kind !== 'end')) throw refuse('RULE_SENTENCES');
    const body = end === -1 ? this.tokens : this.tokens.slice(0, end);
    const ifAt = body.findIndex((t) => IF.has(lower(t)));
    if (ifAt === -1) {
      // "Es muss entweder F1 oder F2 angegeben werden": a rule that always holds.
      if (body.some((t) => isWord(t, 'entweder'))) return this.consequence(body, false);
      throw refuse('RULE_NO_IF');
    }
    if (body.slice(ifAt + 1).some((t) => IF.has(lower(t)))) throw refuse('RULE_IF_TWICE');
    if (ifAt === 0) {
      // "Wenn C, dann T …" or "Wenn C, T …": the condition ends at the comma (or at "dann").
      let split = body.findIndex((t, i) => i > 0 && (isWord(t, 'dann') || (t.kind === 'comma' && t.text === ',' && this.consequenceFollows(body, i + 1))));
      if (split === -1) throw refuse('RULE_NO_CONSEQUENCE');
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
    return isWord(t, 'dann', 'ist', 'sind', 'entweder', 'wird', 'werden', 'muss', 'müssen', 'entfällt', 'entfallen', 'so') || t?.kind === 'id' || quotedReference(t) !== undefined || isWord(t, 'das', 'die', 'der', 'feld', 'feldgruppe', 'datenfeld', 'datenfeldgruppe', 'gruppe');
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
      else throw refuse('RULE_TOKEN_UNKNOWN', { token: t.text });
    }
    // "Es muss entweder F1 oder F2 angegeben werden", "Entweder G1 oder G2 ist auszufüllen": exactly one of them.
    const either = words.includes('entweder');
    const phrase = words.filter((w) => !CONSEQUENCE_FILLER.has(w) && !(either && (w === 'entweder' || w === 'oder' || w === 'es'))).join(' ');
    const found = CONSEQUENCES.find(([pattern]) => pattern.test(phrase));
    if (!found) throw refuse('RULE_CONSEQUENCE_UNKNOWN', { phrase });
    let effect = found[1];
    if (either) {
      if (effect !== 'required' || targets.length < 2 || !words.includes('oder')) throw refuse('RULE_EITHER_UNCLEAR');
      effect = 'one';
    }
    // "T ist nur dann auszufüllen, wenn C": T is asked only while C holds.
    if (conditionFollows && effect === 'required' && /\bnur\b/.test(phrase)) effect = 'shown';
    else if (/\bnur\b/.test(phrase)) throw refuse('RULE_ONLY_UNCLEAR', { phrase });
    return { effect, targets };
  }

  // ---- condition ------------------------------------------------------------------------------------------

  condition(tokens: readonly Token[]): Condition {
    if (tokens.length === 0) throw refuse('RULE_CONDITION_EMPTY');
    const exception = tokens.find((t) => isWord(t, 'weder', 'außer', 'ausser', 'sofern', 'soweit'));
    if (exception) throw refuse('RULE_EXCEPTION', { word: exception.text });
    // "Wenn entweder F1 oder F3 bejaht wurde": exactly one of the tests joined by "oder" holds.
    const eitherAt = tokens.findIndex((t) => isWord(t, 'entweder'));
    if (eitherAt !== -1) {
      if (tokens.slice(0, eitherAt).some((t) => !REFERENCE_FILLER.has(lower(t))) || tokens.slice(eitherAt + 1).some((t) => isWord(t, 'entweder'))) throw refuse('RULE_EITHER_UNCLEAR');
      const inner = this.condition(tokens.slice(eitherAt + 1));
      if (inner.kind !== 'or') throw refuse('RULE_EITHER_UNCLEAR');
      return { kind: 'one', parts: inner.parts };
    }
    const parts = this.splitTests(tokens);
    // "F1 oder F3 bejaht wurde": a reference with nothing after it shares the test of the one that follows.
    for (let k = parts.length - 2; k >= 0; k--) {
      const own = parts[k]!.tokens;
      const at = own.findIndex((t) => t.kind === 'id' || quotedReference(t));
      if (at !== own.length - 1) continue;
      const next = parts[k + 1]!.tokens;
      const nextAt = next.findIndex((t) => t.kind === 'id' || quotedReference(t));
      own.push(...next.slice(nextAt + 1));
    }
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
    // "Wenn das Alter laut F1 …": the test is about the age the date in F1 gives.
    let ageWord = false;
    while (i < tokens.length && (REFERENCE_FILLER.has(lower(tokens[i])) || isWord(tokens[i], 'nicht', 'alter'))) {
      if (isWord(tokens[i], 'nicht')) negated = !negated;
      if (isWord(tokens[i], 'alter')) ageWord = true;
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
    if (!field) throw refuse('RULE_NO_FIELD', { part: tokens.map((x) => x.text).join(' ') });
    const rest = tokens.slice(i + 1);
    const predicate = readPredicate(rest, field.id, ageWord, trailing.length > 0);
    let test = predicate.test;
    if (trailing.length > 0) {
      if (test.op === 'filled' || test.op === 'selected') test = { op: 'in', values: trailing };
      else if (trailing.length > 1) throw refuse('RULE_QUOTED_TEXTS', { field: field.id, count: trailing.length });
      else field = { id: field.id, name: trailing[0]! };
    }
    const leaf: Condition = { kind: 'test', field, test };
    return negated !== predicate.negated ? { kind: 'not', part: leaf } : leaf;
  }
}

/** Words of a consequence that say nothing about its effect. */
const CONSEQUENCE_FILLER = new Set(['dann', 'eines', 'eine', 'einer', 'genau', 'so', 'das', 'die', 'der', 'den', 'dem', 'feld', 'felder', 'datenfeld', 'datenfelder', 'feldgruppe', 'feldgruppen', 'datenfeldgruppe', 'gruppe', 'gruppen', 'und', 'sowie', 'auch', 'ebenfalls', 'zwingend', 'jeweils', 'angaben', 'angabe', 'in', 'im']);

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
function readPredicate(tokens: readonly Token[], fieldId: string, ageWord: boolean, valuesBefore: boolean): { test: Test; negated: boolean } {
  let negated = false;
  let on: AgeDay | undefined;
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
      if (operand) throw refuse('RULE_TWO_OPERANDS', { field: fieldId });
      operand = t;
    } else if (t.kind === 'op') {
      if (t.text === '!=') negated = !negated;
      else symbol = t.text as Comparator;
    } else if (t.kind === 'comma' && t.text === ',') {
      continue;
    } else if (t.kind === 'word' && DAY_WORDS.has(w) && !comparatorWords.includes('bis') && dayAhead(tokens, i + 1)) {
      // "am 30.06.2026", "zum Zeitpunkt F2 "Beginn"": the day an age is counted on.
      i = dayAhead(tokens, i + 1)!;
      const t2 = tokens[i]!;
      if (t2.kind === 'date') on = { date: t2.value };
      else {
        const ref = quotedReference(t2) ?? { id: t2.text };
        const name = t2.kind === 'id' && tokens[i + 1]?.kind === 'quoted' && !quotedReference(tokens[i + 1]) ? tokens[++i]!.text : undefined;
        on = { field: name ? { ...ref, name } : ref };
      }
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
    } else throw refuse('RULE_TOKEN_UNKNOWN', { token: t.text });
  }
  const unknown = words.filter((w) => !PREDICATE_FILLER.has(w) && !YES.has(w) && !NO.has(w) && !FILLED.has(w) && !SELECTED.has(w) && w !== 'oder' && w !== 'bzw.');
  if (unknown.length > 0) throw refuse('RULE_WORDS_UNKNOWN', { field: fieldId, words: unknown.join(' ') });
  const comparatorText = comparatorWords.join(' ');
  let comparator: Comparator | undefined = symbol;
  if (comparatorText) {
    const found = COMPARATOR_WORDS.find(([pattern]) => pattern.test(comparatorText));
    if (!found || symbol) throw refuse('RULE_COMPARISON_UNKNOWN', { field: fieldId, words: comparatorText });
    comparator = found[1];
  }
  if (operand && values.length === 0 && comparator === undefined && (words.includes('den') || words.includes('wert') || words.length === 0 || words.some((w) => SELECTED.has(w) || FILLED.has(w)))) {
    // "den Wert 03 hat": an unquoted code.
    return { test: { op: 'in', values: [operand.text] }, negated };
  }
  if (comparator !== undefined || operand) {
    if (!operand) throw refuse('RULE_COMPARES_NOTHING', { field: fieldId });
    if (values.length > 0) throw refuse('RULE_NUMBER_AND_VALUE', { field: fieldId });
    const c = comparator ?? '=';
    const age = operand.kind === 'number' && (ageWord || words.includes('alt') || comparatorWords.includes('älter') || comparatorWords.includes('jünger'));
    if (on && !age) throw refuse('RULE_DAY_WITHOUT_AGE', { field: fieldId });
    if (operand.kind === 'date') return { test: { op: 'compare-date', comparator: c, date: operand.value }, negated };
    return { test: { op: 'compare', comparator: c, number: (operand as { value: number }).value, age, ...(on ? { on } : {}) }, negated };
  }
  if (on) throw refuse('RULE_DAY_WITHOUT_AGE', { field: fieldId });
  if (values.length > 0) return { test: { op: 'in', values }, negated };
  const yes = words.some((w) => YES.has(w));
  const no = words.some((w) => NO.has(w));
  if (yes && no) throw refuse('RULE_YES_AND_NO', { field: fieldId });
  if (no) return { test: { op: 'no' }, negated };
  if (yes) return { test: { op: 'yes' }, negated };
  if (words.some((w) => SELECTED.has(w))) return { test: { op: 'selected' }, negated };
  // `F1 "ja" lautet`: the values stood before the predicate's words.
  if (words.some((w) => FILLED.has(w)) || valuesBefore) return { test: { op: 'filled' }, negated };
  throw refuse('RULE_TEST_UNCLEAR', { field: fieldId });
}

/** Words before the day an age is counted on. */
const DAY_WORDS = new Set(['am', 'zum', 'zeitpunkt', 'stichtag']);

/** The position of the date or reference that names a day, after words like "Zeitpunkt des", from `from`; else undefined. */
function dayAhead(tokens: readonly Token[], from: number): number | undefined {
  let j = from;
  while (j < tokens.length && isWord(tokens[j], 'zeitpunkt', 'stichtag', 'tag', 'datum', 'des', 'der', 'dem', 'den', 'feld', 'datenfeld', 'laut', 'in', 'im')) j++;
  const t = tokens[j];
  return t?.kind === 'date' || t?.kind === 'id' || quotedReference(t) ? j : undefined;
}
