import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createJsonLocator, JsonSyntaxError } from './json-locator.js';

const text = `{
  "id": "x",
  "forms": {
    "intake": { "schema": { "type": "object" } },
    "a/b~c": 1,
    "t\\u00e4xt\\n": true
  },
  "list": [1, [2, 3],
    { "k": null }]
}`;

/** The text at a position, for readable assertions. */
function at(source: string, line: number, column: number, length: number): string {
  return source.split('\n')[line - 1]!.slice(column - 1, column - 1 + length);
}

describe('createJsonLocator', () => {
  const locator = createJsonLocator(text);

  it('locates a member at its key', () => {
    const p = locator.locate('/forms/intake/schema/type');
    expect(p).toMatchObject({ line: 4, exact: true });
    expect(at(text, p.line, p.column, 6)).toBe('"type"');
  });

  it('locates array items at their values, nested arrays included', () => {
    const a = locator.locate('/list/1/1');
    expect(at(text, a.line, a.column, 1)).toBe('3');
    const b = locator.locate('/list/2/k');
    expect(b.line).toBe(9);
    expect(at(text, b.line, b.column, 3)).toBe('"k"');
  });

  it('unescapes pointer tokens and JSON escapes in keys', () => {
    expect(locator.locate('/forms/a~1b~0c')).toMatchObject({ line: 5, column: 5, exact: true });
    expect(locator.locate('/forms/täxt\n')).toMatchObject({ line: 6, exact: true });
  });

  it('falls back to the nearest ancestor for a pointer that names nothing', () => {
    expect(locator.locate('/forms/intake/ui/pages/0')).toMatchObject({ line: 4, column: 5, exact: false });
    expect(locator.locate('/version')).toMatchObject({ line: 1, column: 1, exact: false });
    expect(locator.locate('')).toMatchObject({ line: 1, column: 1, exact: true });
  });

  it('keeps the last of repeated keys, as JSON.parse does', () => {
    expect(createJsonLocator('{"a": 1,\n"a": 2}').locate('/a')).toMatchObject({ line: 2, column: 1 });
  });

  it('counts columns after CRLF line ends and leading whitespace', () => {
    expect(createJsonLocator('\r\n  {\r\n\t"a": [0]}').locate('/a/0')).toMatchObject({ line: 3, column: 8 });
  });

  it('reports where a text stops being JSON', () => {
    const cases: [string, number][] = [
      ['{"a": 1,}', 8],
      ['{"a" 1}', 5],
      ['[1, 2', 5],
      ['{"a": tru}', 6],
      ['{"a": "x\ny"}', 8],
      ['{"a": "\\q"}', 7],
      ['{} {}', 3],
      ['', 0],
      ['01', 1],
    ];
    for (const [source, offset] of cases) {
      let error: unknown;
      try {
        createJsonLocator(source);
      } catch (e) {
        error = e;
      }
      expect(error, source).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).offset, source).toBe(offset);
    }
  });

  it('survives nesting far deeper than the call stack allows', () => {
    const depth = 200_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    expect(createJsonLocator(deep).locate('/0/0/0')).toMatchObject({ line: 1, column: 4 });
  });

  it('agrees with JSON.parse on what is JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
        const source = JSON.stringify(value, null, indent);
        expect(() => createJsonLocator(source)).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(fc.string(), (source) => {
        let parses = true;
        try {
          JSON.parse(source);
        } catch {
          parses = false;
        }
        let scans = true;
        try {
          createJsonLocator(source);
        } catch {
          scans = false;
        }
        expect(scans).toBe(parses);
      }),
    );
  });

  it('locates every value of a generated document where that value is written', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue({ maxDepth: 2 })), (value) => {
        const source = JSON.stringify(value, null, 2);
        const locator = createJsonLocator(source);
        for (const key of Object.keys(value)) {
          const p = locator.locate('/' + key.replace(/~/g, '~0').replace(/\//g, '~1'));
          expect(p.exact).toBe(true);
          expect(source.slice(p.offset).startsWith(JSON.stringify(key) + ':')).toBe(true);
        }
      }),
    );
  });
});
