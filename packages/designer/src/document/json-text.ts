import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { designerError } from '../errors.js';
import type { DesignerLocale } from '../strings.js';
import { designerWords } from '../strings.js';
import type { JsonPath } from './json-path.js';

/** How the file is laid out, so that what the designer writes looks like what was there. */
export interface TextStyle {
  /** One level of indentation (`'  '`, `'\t'`). */
  readonly unit: string;
  readonly eol: string;
}

/** The indentation and line ends a text uses (two spaces and `\n` when it shows none). */
export function detectStyle(text: string): TextStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  return { unit: m ? (m[1]!.startsWith('\t') ? '\t' : m[1]!) : '  ', eol };
}

/** Line and column (1-based, UTF-16 code units as editors count) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Parses strict JSON into jsonc-parser's tree (offsets of every value) and the value itself.
 *
 * @throws DesignerError `DESIGNER_NOT_JSON` with the line and column of the first mistake.
 */
export function parseJsonText(text: string, locale: DesignerLocale): { tree: Node; value: unknown } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first || !tree) {
    const offset = first?.offset ?? 0;
    const name = first ? printParseErrorCode(first.error) : 'ValueExpected';
    const reason = designerWords(locale).parse[name] ?? name;
    const { line, column } = positionOf(text, offset);
    throw designerError(locale, 'DESIGNER_NOT_JSON', { reason, line, column }, { line, column });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // jsonc-parser is more lenient than JSON.parse in a few corners (control characters in strings).
    const offset = firstStrictError(text);
    const { line, column } = positionOf(text, offset);
    throw designerError(locale, 'DESIGNER_NOT_JSON', { reason: designerWords(locale).parse.InvalidCharacter!, line, column }, { line, column });
  }
  return { tree, value };
}

/** Where JSON.parse would stop: the first raw control character inside a string. */
function firstStrictError(text: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      else if (c < 0x20) return i;
    } else if (c === 0x22) inString = true;
  }
  return 0;
}

/** The node of a path, or undefined. */
export function nodeAt(tree: Node, path: JsonPath): Node | undefined {
  return findNodeAtLocation(tree, path as (string | number)[]);
}

/** A replacement of `length` characters at `offset` by `content`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

export function applyEdit(text: string, e: TextEdit): string {
  return text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);
}

/** The whitespace at the start of the line `offset` is on (up to `offset`, or to the first non-blank). */
export function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

export const isOneLine = (text: string, node: Node) => !/[\r\n]/.test(text.slice(node.offset, node.offset + node.length));

/**
 * A value as JSON text: on one line the way people write short JSON by hand (`{ "a": 1, "b": [1, 2] }`), or on
 * several lines, indented by `unit` from `indent`.
 */
export function serialize(value: unknown, inline: boolean, indent: string, style: TextStyle): string {
  if (inline) return inlineJson(value);
  const json = JSON.stringify(value, null, style.unit);
  return json.replace(/\n/g, style.eol + indent);
}

function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map(inlineJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** Re-indents a multi-line piece of JSON text written at `from` indentation to sit at `to`. */
export function reindent(raw: string, from: string, to: string): string {
  if (from === to) return raw;
  return raw.replace(/(\r?\n)([ \t]*)/g, (_m, eol: string, ws: string) => eol + (ws.startsWith(from) ? to + ws.slice(from.length) : ws));
}
