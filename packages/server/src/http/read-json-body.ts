import { isForbiddenKey } from '@civicflow/core';
import { ServerError } from '../errors.js';

export interface BodyLimits {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
}

/**
 * Reads a JSON request body within limits, before anything else looks at it: the content type must be JSON, the
 * size is checked against `Content-Length` and again while reading (so a huge body is never buffered), the nesting
 * depth is checked on the text before `JSON.parse` runs, and keys that could pollute prototypes are refused.
 * Throws `ServerError` with status 400, 413 or 415.
 */
export async function readJsonBody(request: Request, limits: BodyLimits): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ServerError('CONTENT_TYPE_UNSUPPORTED', 'Expected application/json', 415);
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
  const bytes = await readAtMost(request, limits.maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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
  const key = forbiddenKey(value);
  if (key !== undefined) throw new ServerError('BODY_FORBIDDEN_KEY', 'Body holds a forbidden key', 400, { key });
  return value;
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

/** The deepest nesting of `{` and `[` outside strings, in one pass over the text (no parsing, no recursion). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return max;
}

/** The first key that could pollute a prototype, anywhere in the value. Depth is bounded by now, so recursion is safe. */
function forbiddenKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const k = forbiddenKey(item);
      if (k !== undefined) return k;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) return key;
    const k = forbiddenKey((value as Record<string, unknown>)[key]);
    if (k !== undefined) return k;
  }
  return undefined;
}
