import { describe, expect, it } from 'vitest';
import { changedPointers } from './changed-pointers.js';

describe('changedPointers', () => {
  it('lists added, changed and removed fields, nested ones by their own pointer', () => {
    const before = { a: 1, group: { x: 'same', y: 'old' }, gone: true };
    const after = { a: 1, group: { x: 'same', y: 'new', z: 0 }, added: null };
    expect(changedPointers(before, after)).toEqual(['/added', '/gone', '/group/y', '/group/z']);
  });

  it('compares lists as a whole, by value', () => {
    expect(changedPointers({ l: [1, { b: 2 }] }, { l: [1, { b: 2 }] })).toEqual([]);
    expect(changedPointers({ l: [1, 2] }, { l: [2, 1] })).toEqual(['/l']);
  });

  it('escapes names as JSON Pointer tokens', () => {
    expect(changedPointers({}, { 'a/b': 1, 'c~d': 2 })).toEqual(['/a~1b', '/c~0d']);
  });

  it('reports nothing for equal values', () => {
    expect(changedPointers({ a: { b: [1] } }, { a: { b: [1] } })).toEqual([]);
  });
});
