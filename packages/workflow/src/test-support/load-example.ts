// Test helper: the example programs in examples/ are the fixtures of every package (see STYLE.md).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgram, type Program } from '@civicflow/core';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples');

const loaded = new Map<string, Program>();

/** The example program `examples/<name>/program.json`, loaded and checked (once per test file). */
export function loadExample(name: string): Program {
  let program = loaded.get(name);
  if (!program) {
    program = loadProgram(readFileSync(join(examplesDir, name, 'program.json'), 'utf8'));
    loaded.set(name, program);
  }
  return program;
}

/** The parsed JSON files `examples/<name>/cases/<prefix>*.json`, by file name. */
export function exampleCases<T>(name: string, prefix: string): [string, T][] {
  const dir = join(examplesDir, name, 'cases');
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as T]);
}
