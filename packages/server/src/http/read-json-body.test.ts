import { describe, expect, it } from 'vitest';
import { jsonDepth, readJsonBody, turnAfterLargeBody } from './read-json-body.js';

const limits = { maxBytes: 100, maxDepth: 3, maxValues: 10 };
const request = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a\\"[[[":"\\\\"}')).toBe(1);
    // Two brackets, a string of an escaped backslash, an escaped quote, brackets and two escaped backslashes, two more.
    expect(jsonDepth('[["\\\\\\"]]\\\\\\\\",[[1]]]]')).toBe(4);
    expect(jsonDepth(`[${JSON.stringify('[{"'.repeat(1000))},[[]]]`)).toBe(3);
    expect(jsonDepth('[["open')).toBe(2);
  });

  it('reads any text as a walk over each character would', () => {
    // The plain definition: a quote opens or closes a string, a backslash in a string escapes the next character.
    const slow = (text: string) => {
      let depth = 0;
      let max = 0;
      let inString = false;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (inString) {
          if (ch === '\\') i++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
        else if (ch === '}' || ch === ']') depth--;
      }
      return max;
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = '{}[]"\\\\a';
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
      expect(jsonDepth(text), text).toBe(slow(text));
    }
  });
});

describe('readJsonBody', () => {
  it('parses a JSON body within the limits', async () => {
    expect(await readJsonBody(request('{"a":[1,{"b":2}]}'), limits)).toEqual({ a: [1, { b: 2 }] });
    expect(await readJsonBody(request('[1]', { 'content-type': 'application/problem+json; charset=utf-8' }), limits)).toEqual([1]);
  });

  it('refuses what is not JSON, too large, too deep or prototype-polluting, with a code', async () => {
    const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { code: string; status: number }) => `${e.status} ${e.code}`);
    expect(await code(readJsonBody(request('{"a":1}', { 'content-type': 'text/plain' }), limits))).toBe('415 CONTENT_TYPE_UNSUPPORTED');
    expect(await code(readJsonBody(request('{"a":1}', {}), limits))).toBe('415 CONTENT_TYPE_UNSUPPORTED');
    expect(await code(readJsonBody(request('{"a":'), limits))).toBe('400 BODY_INVALID');
    expect(await code(readJsonBody(request(null), limits))).toBe('400 BODY_INVALID');
    expect(await code(readJsonBody(request(`"${'x'.repeat(200)}"`), limits))).toBe('413 BODY_TOO_LARGE');
    expect(await code(readJsonBody(request('[[[[1]]]]'), limits))).toBe('400 BODY_TOO_DEEP');
    expect(await code(readJsonBody(request('{"__proto__":1}'), limits))).toBe('400 BODY_FORBIDDEN_KEY');
    expect(await code(readJsonBody(request('[{"prototype":1}]'), limits))).toBe('400 BODY_FORBIDDEN_KEY');
    expect(await code(readJsonBody(request(new Uint8Array([0x22, 0xc3, 0x28, 0x22])), limits))).toBe('400 BODY_INVALID');
  });

  // Issue 22, deliverable 2: the number of values bounds what validating a body costs, so it is checked first.
  it('refuses a body with more values than the limit, counting objects, lists and scalars alike', async () => {
    const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { code: string; status: number; params: unknown }) => `${e.status} ${e.code} ${JSON.stringify(e.params)}`);
    expect(await readJsonBody(request('{"a":[1,2,3,4,5],"b":{"c":6,"d":7}}'), limits)).toEqual({ a: [1, 2, 3, 4, 5], b: { c: 6, d: 7 } });
    expect(await code(readJsonBody(request('{"a":[1,2,3,4,5,6],"b":{"c":6,"d":7}}'), limits))).toBe('413 BODY_TOO_MANY_VALUES {"limit":10}');
    expect(await code(readJsonBody(request('[1,1,1,1,1,1,1,1,1,1]'), limits))).toBe('413 BODY_TOO_MANY_VALUES {"limit":10}');
  });

  it('stops reading a stream once it passes the limit', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(60).fill(0x20));
      },
    });
    await expect(readJsonBody(request(stream), limits)).rejects.toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(pulled).toBeLessThan(5);
  });
});

describe('turnAfterLargeBody', () => {
  const wide = { maxBytes: 1024 * 1024, maxDepth: 5, maxValues: 10 };
  /** What runs first after the body is read: a callback queued for the event loop's next turn, or the step after the turn. */
  const orderAfter = async (body: string) => {
    const req = request(body);
    await readJsonBody(req, wide);
    const order: string[] = [];
    const other = new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('waiting request'))));
    await turnAfterLargeBody(req);
    order.push('next step');
    await other;
    return order;
  };

  it('lets waiting requests go first after a step on a large body, and never holds up a small one', async () => {
    expect(await orderAfter(JSON.stringify({ text: 'x'.repeat(100_000) }))).toEqual(['waiting request', 'next step']);
    expect(await orderAfter(JSON.stringify({ text: 'x'.repeat(100) }))).toEqual(['next step', 'waiting request']);
  });
});
