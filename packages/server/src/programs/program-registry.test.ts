import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { compareVersions, createProgramRegistry } from './program-registry.js';
import { loadCasework } from '../test-support/fixtures.js';

describe('compareVersions', () => {
  it('orders semantic versions by number, a pre-release before its release', () => {
    const sorted = ['1.10.0', '1.2.0', '2.0.0-rc.1', '1.2.0-beta', '2.0.0', '0.9.9'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.9', '1.2.0-beta', '1.2.0', '1.10.0', '2.0.0-rc.1', '2.0.0']);
  });
});

describe('createProgramRegistry', () => {
  const v1 = loadCasework();
  const v2 = loadProgram({ ...structuredClone(v1.definition), version: '1.10.0' });

  it('finds programs by id (newest version), by id and version, and by reference', () => {
    const r = createProgramRegistry([v1, v2]);
    expect(r.latest('casework')).toBe(v2);
    expect(r.get('casework', '1.0.0')).toBe(v1);
    expect(r.byRef('casework@1.10.0')).toBe(v2);
    expect(r.get('casework', '3.0.0')).toBeUndefined();
    expect(r.latest('toString')).toBeUndefined();
    expect(r.ids()).toEqual(['casework']);
  });

  it('refuses two different definitions of one version', () => {
    const changed = loadProgram({ ...structuredClone(v1.definition), title: { de: 'Anders', en: 'Other' } });
    expect(() => createProgramRegistry([v1, changed])).toThrow(expect.objectContaining({ code: 'PROGRAM_CONFLICT' }));
    expect(createProgramRegistry([v1, v1]).list()).toEqual([v1]);
  });
});
