import { escapePointerToken } from '@civicflow/core';
import { createScanner, type ScanError, type SyntaxKind } from 'jsonc-parser';

/** A place in a JSON text: 1-based line and column (UTF-16 code units, as editors count them). */
export interface JsonPosition {
  readonly line: number;
  readonly column: number;
  /** 0-based index into the text. */
  readonly offset: number;
  /**
   * `false` when the pointer names nothing in the text (a missing property, say) and the position is that of
   * its nearest ancestor that exists.
   */
  readonly exact: boolean;
}

/** Finds where JSON Pointers land in one JSON text. */
export interface JsonLocator {
  /** The position of a member's key, of an array item's value, or of the document for `''`. */
  locate(pointer: string): JsonPosition;
  /** Line and column of an offset into the text. */
  positionOf(offset: number): { line: number; column: number };
}

/** The text is not JSON; `offset` is where the scanner gave up. */
export class JsonSyntaxError extends Error {
  readonly code = 'NOT_JSON' as const;
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

// jsonc-parser declares its token kinds as ambient const enums, which `verbatimModuleSyntax` does not let a module
// read; `satisfies` keeps these copies equal to them.
const token = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  colon: 6,
  null: 7,
  true: 8,
  false: 9,
  string: 10,
  number: 11,
  lineBreak: 14,
  space: 15,
} as const satisfies {
  openBrace: SyntaxKind.OpenBraceToken;
  closeBrace: SyntaxKind.CloseBraceToken;
  openBracket: SyntaxKind.OpenBracketToken;
  closeBracket: SyntaxKind.CloseBracketToken;
  comma: SyntaxKind.CommaToken;
  colon: SyntaxKind.ColonToken;
  null: SyntaxKind.NullKeyword;
  true: SyntaxKind.TrueKeyword;
  false: SyntaxKind.FalseKeyword;
  string: SyntaxKind.StringLiteral;
  number: SyntaxKind.NumericLiteral;
  lineBreak: SyntaxKind.LineBreakTrivia;
  space: SyntaxKind.Trivia;
};
const noScanError = 0 satisfies ScanError.None;
const scalars: ReadonlySet<SyntaxKind> = new Set([token.string, token.number, token.true, token.false, token.null]);

// What a JSON string may hold between its quotes. The scanner flags a broken string as a whole; where this stops
// matching is the character that broke it.
// eslint-disable-next-line no-control-regex -- JSON forbids exactly these characters unescaped in a string
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

interface Frame {
  readonly kind: 'object' | 'array';
  readonly pointer: string;
  index: number;
}

function describe(ch: string | undefined): string {
  return ch === undefined ? 'end of input' : `character ${JSON.stringify(ch)}`;
}

/** Where and why a string or number token the scanner flagged stops being JSON. */
function tokenError(text: string, kind: SyntaxKind, offset: number, end: number): JsonSyntaxError {
  if (kind === token.number) return new JsonSyntaxError(`expected a digit, found ${describe(text[end])}`, end);
  STRING_BODY.lastIndex = offset + 1;
  STRING_BODY.test(text);
  const at = STRING_BODY.lastIndex;
  if (at >= text.length) return new JsonSyntaxError('unterminated string', offset);
  if (text[at] !== '\\') return new JsonSyntaxError('control character in string', at);
  return new JsonSyntaxError(text[at + 1] === 'u' ? 'invalid \\u escape' : 'invalid escape in string', at);
}

/**
 * Reads a JSON text once with jsonc-parser's scanner and records where every value starts, keyed by JSON
 * Pointer, so that the problems `loadProgram` reports can be shown at their line and column. Members are located
 * at their key, which is the line a designer looks for. The walk keeps its own stack instead of recursing (as
 * jsonc-parser's tree parser does), so deeply nested input cannot overflow the call stack. Comments and trailing
 * commas, which jsonc-parser can allow, are refused: the text must be what `JSON.parse` reads.
 *
 * @throws JsonSyntaxError when the text is not JSON, with the offset of the first error.
 */
export function createJsonLocator(text: string): JsonLocator {
  const offsets = new Map<string, number>();
  const scanner = createScanner(text, false);
  const kind = () => scanner.getToken();
  const at = () => scanner.getTokenOffset();
  const advance = () => {
    let next: SyntaxKind;
    do next = scanner.scan();
    while (next === token.space || next === token.lineBreak);
  };
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, at());
  };
  const found = () => describe(text[at()]);
  // Scan errors count only once a token is taken as a value or key, so the first error in the text is reported.
  const take = () => {
    if (scanner.getTokenError() !== noScanError) throw tokenError(text, kind(), at(), scanner.getPosition());
    advance();
  };
  const readKey = (frame: Frame): string => {
    if (kind() !== token.string) fail(`expected a property name in double quotes, found ${found()}`);
    const pointer = `${frame.pointer}/${escapePointerToken(scanner.getTokenValue())}`;
    // A repeated key is recorded again, so the position is the one JSON.parse keeps: the last.
    offsets.set(pointer, at());
    take();
    if (kind() !== token.colon) fail(`expected ":" after a property name, found ${found()}`);
    advance();
    return pointer;
  };

  const stack: Frame[] = [];
  advance();
  offsets.set('', at());
  let pending: string | null = '';
  for (;;) {
    if (pending !== null) {
      if (kind() === token.openBrace || kind() === token.openBracket) {
        const close = kind() === token.openBrace ? token.closeBrace : token.closeBracket;
        advance();
        if (kind() === close) {
          advance();
          pending = null;
        } else if (close === token.closeBrace) {
          const frame: Frame = { kind: 'object', pointer: pending, index: 0 };
          stack.push(frame);
          pending = readKey(frame);
        } else {
          stack.push({ kind: 'array', pointer: pending, index: 0 });
          pending = `${pending}/0`;
          offsets.set(pending, at());
        }
        continue;
      }
      if (!scalars.has(kind())) fail(`unexpected ${found()}`);
      take();
      pending = null;
      continue;
    }
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (at() < text.length) fail(`unexpected ${found()} after the end of the document`);
      break;
    }
    if (kind() === token.comma) {
      advance();
      if (frame.kind === 'object') pending = readKey(frame);
      else {
        pending = `${frame.pointer}/${++frame.index}`;
        offsets.set(pending, at());
      }
    } else if (kind() === (frame.kind === 'object' ? token.closeBrace : token.closeBracket)) {
      advance();
      stack.pop();
    } else {
      fail(`expected "," or "${frame.kind === 'object' ? '}' : ']'}", found ${found()}`);
    }
  }

  let lineStarts: number[] | undefined;
  const positionOf = (offset: number) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  return {
    positionOf,
    locate(pointer) {
      let p = pointer.startsWith('/') ? pointer : '';
      let exact = true;
      let offset = offsets.get(p);
      while (offset === undefined) {
        exact = false;
        p = p.slice(0, p.lastIndexOf('/'));
        offset = offsets.get(p);
      }
      return { ...positionOf(offset), offset, exact };
    },
  };
}
