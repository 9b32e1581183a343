import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@civicflow/test-support';
import { DesignerError } from '../errors.js';
import { ProgramDocument } from './program-document.js';

const examples = readdirSync(path.join(repoRoot, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(repoRoot, 'examples', d.name, 'program.json'))
  .filter((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false;
    }
  });

const sample = `{
  "id": "x",
  "x-note": { "keep": [1, 2,3] },
  "list": [
    "a",
    "b",
    { "field": "c", "when": {} }
  ],
  "obj": { "b": 1, "a": 2 }
}
`;

describe('ProgramDocument', () => {
  it('gives back the original bytes of every example untouched, and after an edit and its undo', () => {
    expect(examples.length).toBeGreaterThan(2);
    for (const file of examples) {
      const text = readFileSync(file, 'utf8');
      const doc = ProgramDocument.parse(text);
      expect(doc.text).toBe(text);
      doc.apply([{ op: 'replace', path: ['version'], value: '9.9.9' }], 'version');
      expect(doc.text).not.toBe(text);
      expect((doc.value as { version: string }).version).toBe('9.9.9');
      // Only the version's bytes changed.
      expect(doc.text.replace('"9.9.9"', '')).toBe(text.replace(JSON.stringify((JSON.parse(text) as { version: string }).version), ''));
      doc.undo();
      expect(doc.text).toBe(text);
    }
  });

  it('renames a key where it stands, keeping key order and unknown x- keys', () => {
    const doc = ProgramDocument.parse(sample);
    doc.apply([{ op: 'rename', path: ['obj'], from: 'b', to: 'z' }], 'rename');
    expect(doc.text).toBe(sample.replace('{ "b": 1', '{ "z": 1'));
    expect(Object.keys((doc.value as { obj: object }).obj)).toEqual(['z', 'a']);
    expect(() => doc.apply([{ op: 'rename', path: ['obj'], from: 'z', to: 'a' }], 'clash')).toThrow(DesignerError);
  });

  it('adds a property at the end, or at a position, in the style of its neighbours', () => {
    const doc = ProgramDocument.parse(sample);
    doc.apply([{ op: 'add', path: ['obj', 'c'], value: { type: 'string', maxLength: 10 } }], 'add');
    expect(doc.text).toContain('"obj": { "b": 1, "a": 2, "c": { "type": "string", "maxLength": 10 } }');
    doc.apply([{ op: 'add', path: ['title'], value: { de: 'T' }, index: 1 }], 'add title');
    expect(doc.text.startsWith('{\n  "id": "x",\n  "title": { "de": "T" },\n  "x-note"')).toBe(true);
    expect(Object.keys(doc.value as object)).toEqual(['id', 'title', 'x-note', 'list', 'obj']);
  });

  it('inserts array items and removes members without leaving stray commas', () => {
    const doc = ProgramDocument.parse(sample);
    doc.apply([{ op: 'add', path: ['list', 0], value: 'first' }], 'insert');
    expect(doc.text).toContain('"list": [\n    "first",\n    "a",');
    doc.apply([{ op: 'remove', path: ['list', 0] }], 'remove first');
    doc.apply([{ op: 'remove', path: ['list', 2] }], 'remove last');
    expect(doc.text).toContain('"list": [\n    "a",\n    "b"\n  ],');
    doc.apply([{ op: 'remove', path: ['id'] }], 'remove id');
    expect(doc.text.startsWith('{\n  "x-note"')).toBe(true);
    expect(() => JSON.parse(doc.text)).not.toThrow();
  });

  it('moves members keeping their bytes and the separators in place', () => {
    const doc = ProgramDocument.parse(sample);
    doc.apply([{ op: 'move', path: ['list'], from: 2, to: 0 }], 'move');
    expect(doc.text).toContain('"list": [\n    { "field": "c", "when": {} },\n    "a",\n    "b"\n  ]');
    doc.apply([{ op: 'move', path: ['obj'], from: 0, to: 1 }], 'move key');
    expect(doc.text).toContain('"obj": { "a": 2, "b": 1 }');
  });

  it('copies a value with its bytes and re-indents it where it lands', () => {
    const doc = ProgramDocument.parse(sample);
    doc.apply([{ op: 'copy', from: ['x-note'], path: ['list', 3] }], 'copy');
    expect(doc.text).toContain('{ "field": "c", "when": {} },\n    { "keep": [1, 2,3] }\n  ]');
  });

  it('undoes and redoes steps of several operations, and a new step drops what could be redone', () => {
    const doc = ProgramDocument.parse(sample);
    doc.apply(
      [
        { op: 'replace', path: ['id'], value: 'y' },
        { op: 'add', path: ['obj', 'c'], value: 3 },
      ],
      'two',
    );
    const after = doc.text;
    expect(doc.undoLabel).toBe('two');
    expect(doc.undo()).toBe('two');
    expect(doc.text).toBe(sample);
    expect(doc.redo()).toBe('two');
    expect(doc.text).toBe(after);
    doc.undo();
    doc.apply([{ op: 'replace', path: ['id'], value: 'z' }], 'other');
    expect(doc.canRedo).toBe(false);
    expect(doc.undo()).toBe('other');
    expect(doc.undo()).toBeUndefined();
    expect(doc.text).toBe(sample);
  });

  it('applies all operations of a step or none', () => {
    const doc = ProgramDocument.parse(sample);
    expect(() =>
      doc.apply(
        [
          { op: 'replace', path: ['id'], value: 'y' },
          { op: 'remove', path: ['nothing', 'here'] },
        ],
        'bad',
      ),
    ).toThrow(expect.objectContaining({ code: 'DESIGNER_PATH_MISSING', detail: { pointer: '/nothing/here' } }));
    expect(doc.text).toBe(sample);
    expect(doc.canUndo).toBe(false);
  });

  it('refuses text that is not JSON with line and column, in German and English, and keeps the document', () => {
    expect(() => ProgramDocument.parse('{\n  "a": 1,\n  "b" 2\n}', 'de')).toThrow(
      expect.objectContaining({ code: 'DESIGNER_NOT_JSON', detail: { line: 3, column: 7 }, message: expect.stringContaining('Zeile 3, Spalte 7') }),
    );
    const doc = ProgramDocument.parse(sample);
    expect(() => doc.replaceText('{ "a": 1, }', 'paste')).toThrow(expect.objectContaining({ code: 'DESIGNER_NOT_JSON', message: expect.stringContaining('line 1, column 11') }));
    expect(() => ProgramDocument.parse('{ "a": 1 } // note')).toThrow(expect.objectContaining({ code: 'DESIGNER_NOT_JSON' }));
    expect(doc.text).toBe(sample);
    doc.replaceText('{ "a": 1 }', 'paste');
    expect(doc.value).toEqual({ a: 1 });
    doc.undo();
    expect(doc.text).toBe(sample);
  });

  it('keeps tabs and CRLF line ends of a file written that way', () => {
    const crlf = '{\r\n\t"a": [\r\n\t\t1\r\n\t]\r\n}';
    const doc = ProgramDocument.parse(crlf);
    doc.apply([{ op: 'add', path: ['a', 1], value: { b: [2] } }], 'add');
    expect(doc.text).toBe('{\r\n\t"a": [\r\n\t\t1,\r\n\t\t{ "b": [2] }\r\n\t]\r\n}');
    doc.apply([{ op: 'add', path: ['c'], value: { d: 1 } }], 'add multi-line');
    expect(doc.text).toBe('{\r\n\t"a": [\r\n\t\t1,\r\n\t\t{ "b": [2] }\r\n\t],\r\n\t"c": {\r\n\t\t"d": 1\r\n\t}\r\n}');
  });
});
