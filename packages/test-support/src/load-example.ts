// The example programs in examples/ are the fixtures of every package's tests (see STYLE.md).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { loadProgram, type Program } from '@civicflow/core';
import { examplePath } from './repo-root.js';

/** The raw JSON of an example program, `examples/<name>/program.json`. */
export function readExample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(examplePath(name, 'program.json'), 'utf8')) as Record<string, unknown>;
}

const loaded = new Map<string, Program>();

/**
 * An example program, loaded and checked. Loaded once per test file: a program is frozen, so tests can share it,
 * and checking the larger examples takes a while.
 */
export function loadExample(name: string): Program {
  let program = loaded.get(name);
  if (!program) {
    program = loadProgram(readExample(name));
    loaded.set(name, program);
  }
  return program;
}

/** The names of all example programs: the folders of examples/ that hold a program.json. */
export function exampleNames(): string[] {
  return readdirSync(examplePath()).filter((n) => existsSync(examplePath(n, 'program.json')));
}
