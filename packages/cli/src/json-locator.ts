import { escapePointerToken } from '@civicflow/core';

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
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly pointer: string;
  index: number;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function describe(ch: string | undefined): string {
  return ch === undefined ? 'end of input' : `character ${JSON.stringify(ch)}`;
}

/**
 * Scans a JSON text once and records where every value starts, keyed by JSON Pointer, so that the problems
 * `loadProgram` reports can be shown at their line and column. Members are located at their key, which is
 * the line a designer looks for. The scanner keeps its own stack instead of recursing, so deeply nested
 * input cannot overflow the call stack.
 *
 * @throws JsonSyntaxError when the text is not JSON, with the offset of the first error.
 */
export function createJsonLocator(text: string): JsonLocator {
  const offsets = new Map<string, number>();
  const n = text.length;
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  // Returns the decoded string only when asked, since only keys become pointer tokens.
  const scanString = (decode: boolean): string => {
    const start = i;
    i++;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= n) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        if (decode) out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      if (decode) out += text.slice(chunk, i);
      const e = text[i + 1];
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape');
        if (decode) out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else if (e !== undefined && e in SIMPLE_ESCAPES) {
        if (decode) out += SIMPLE_ESCAPES[e];
        i += 2;
      } else {
        fail('invalid escape in string');
      }
      chunk = i;
    }
  };
  const readKey = (frame: Frame): string => {
    if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(text[i])}`);
    const at = i;
    const pointer = `${frame.pointer}/${escapePointerToken(scanString(true))}`;
    // A repeated key is recorded again, so the position is the one JSON.parse keeps: the last.
    offsets.set(pointer, at);
    skipSpace();
    if (text[i] !== ':') fail(`expected ":" after a property name, found ${describe(text[i])}`);
    i++;
    return pointer;
  };

  const stack: Frame[] = [];
  skipSpace();
  offsets.set('', i);
  let pending: string | null = '';
  for (;;) {
    if (pending !== null) {
      skipSpace();
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        skipSpace();
        const close = c === '{' ? '}' : ']';
        if (text[i] === close) {
          i++;
          pending = null;
        } else if (c === '{') {
          const frame: Frame = { kind: 'object', pointer: pending, index: 0 };
          stack.push(frame);
          pending = readKey(frame);
        } else {
          stack.push({ kind: 'array', pointer: pending, index: 0 });
          pending = `${pending}/0`;
          offsets.set(pending, i);
        }
        continue;
      }
      if (c === '"') scanString(false);
      else if (c === 't' || c === 'f' || c === 'n') {
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
        if (!text.startsWith(word, i)) fail(`unexpected ${describe(c)}`);
        i += word.length;
      } else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) fail(`unexpected ${describe(c)}`);
        i = NUMBER.lastIndex;
      }
      pending = null;
      continue;
    }
    skipSpace();
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (i < n) fail(`unexpected ${describe(text[i])} after the end of the document`);
      break;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      skipSpace();
      if (frame.kind === 'object') pending = readKey(frame);
      else {
        pending = `${frame.pointer}/${++frame.index}`;
        offsets.set(pending, i);
      }
    } else if (c === (frame.kind === 'object' ? '}' : ']')) {
      i++;
      stack.pop();
    } else {
      fail(`expected "," or "${frame.kind === 'object' ? '}' : ']'}", found ${describe(c)}`);
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

