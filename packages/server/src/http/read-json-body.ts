import { isForbiddenKey } from '@civicflow/core';
import { ServerError } from '../errors.js';

export interface BodyLimits {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most values (scalars, objects and arrays) in all. */
  maxValues: number;
}

/**
 * The limits every endpoint that takes a body reads it with, unless `createApp` is told otherwise. Validation's
 * work grows with the number of values, so that number is what bounds a request's work, before any schema runs:
 * 10,000 values are far more than any form holds (no case of the examples holds 150), and the worst
 * body they allow is answered in milliseconds.
 */
export const defaultBodyLimits: Readonly<BodyLimits> = { maxBytes: 1024 * 1024, maxDepth: 40, maxValues: 10_000 };

/**
 * Reads a JSON request body within limits, before anything else looks at it: the content type must be JSON, the
 * size is checked against `Content-Length` and again while reading (so a huge body is never buffered), the nesting
 * depth is checked on the text before `JSON.parse` runs, and keys that could pollute prototypes are refused.
 * Throws `ServerError` with status 400, 413 or 415.
 */
export async function readJsonBody(request: Request, limits: BodyLimits): Promise<unknown> {
  return (await readJsonText(request, limits)).value;
}

/** `readJsonBody`, with the body's text as it was sent beside the value (for a text that is kept byte for byte). */
export async function readJsonText(request: Request, limits: BodyLimits): Promise<{ value: unknown; text: string }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ServerError('CONTENT_TYPE_UNSUPPORTED', 'Expected application/json', 415);
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
  // A declared length within the limit bounds the body already (the HTTP parser reads that many bytes and no more):
  // read at once, which the Node adapter does from the socket without a stream in between. Otherwise in chunks.
  const bytes = declared >= 0 ? new Uint8Array(await request.arrayBuffer()) : await readAtMost(request, limits.maxBytes);
  if (bytes.byteLength > limits.maxBytes) throw tooLarge(limits.maxBytes);
  // Parsing and then validating a large body each take the thread for milliseconds: let the requests that
  // arrived meanwhile take a step first, and again between the two, so no one waits for all of it at once.
  const large = bytes.byteLength > LARGE_BODY;
  if (large) {
    largeBodies.add(request);
    await nextTurn();
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ServerError('BODY_INVALID', 'Body is not UTF-8', 400, { reason: 'not UTF-8' });
  }
  if (jsonDepth(text) > limits.maxDepth) throw new ServerError('BODY_TOO_DEEP', 'Body nests too deep', 400, { limit: limits.maxDepth });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ServerError('BODY_INVALID', 'Body is not JSON', 400, { reason: (err as Error).message });
  }
  const found = inspect(value, limits.maxValues);
  if (found.key !== undefined) throw new ServerError('BODY_FORBIDDEN_KEY', 'Body holds a forbidden key', 400, { key: found.key });
  if (found.values > limits.maxValues) throw new ServerError('BODY_TOO_MANY_VALUES', 'Body holds too many values', 413, { limit: limits.maxValues });
  if (large) await nextTurn();
  return { value, text };
}

/** Without `stream`, each `decode` starts afresh: one decoder serves every request. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bodies above this many bytes are read in turns with other requests (see `readJsonBody`). */
const LARGE_BODY = 64 * 1024;

/** Resolves after the I/O that is waiting now had its turn. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The requests whose body was large (see `LARGE_BODY`). */
const largeBodies = new WeakSet<Request>();

/**
 * After a step of work on a request with a large body (validating it, say): lets the requests that arrived meanwhile
 * take a step first, as reading such a body does. Resolves at once for any other request.
 */
export async function turnAfterLargeBody(request: Request): Promise<void> {
  if (largeBodies.has(request)) await nextTurn();
}

function tooLarge(limit: number): ServerError {
  return new ServerError('BODY_TOO_LARGE', 'Body too large', 413, { limit });
}

async function readAtMost(request: Request, max: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * The deepest nesting of `{` and `[` outside strings, in one pass over the text (no parsing, no recursion). A string
 * is passed over in jumps from quote to quote (`indexOf`), which reads long strings many times faster than a loop over
 * their characters; a quote ends the string when an even number of backslashes stands before it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      for (;;) {
        const end = text.indexOf('"', i + 1);
        // An unterminated string: JSON.parse refuses the text.
        if (end === -1) return max;
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92 /* \ */) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return max;
}

/**
 * The first key that could pollute a prototype, anywhere in the value, and how many values it holds, counted up to
 * one past `maxValues` (the walk stops there). Depth is bounded by now, so recursion is safe.
 */
function inspect(value: unknown, maxValues: number): { key: string | undefined; values: number } {
  let values = 0;
  const visit = (v: unknown): string | undefined => {
    if (++values > maxValues) return undefined;
    if (typeof v !== 'object' || v === null) return undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && values <= maxValues; i++) {
        const k = visit(v[i]);
        if (k !== undefined) return k;
      }
      return undefined;
    }
    for (const key of Object.keys(v)) {
      if (isForbiddenKey(key)) return key;
      if (values > maxValues) return undefined;
      const k = visit((v as Record<string, unknown>)[key]);
      if (k !== undefined) return k;
    }
    return undefined;
  };
  return { key: visit(value), values };
}
