// Test helpers (Node only, never shipped): fixtures come from examples/, as STYLE.md asks.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadProgram } from '../compile/load-program.js';
import type { Program } from '../model/program.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The raw JSON of an example program. */
export function readExample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(repoRoot, 'examples', name, 'program.json'), 'utf8'));
}

/** An example program, loaded and checked. */
export function loadExample(name: string): Program {
  return loadProgram(readExample(name));
}

/** The names of all example programs. */
export function exampleNames(): string[] {
  const dir = path.join(repoRoot, 'examples');
  return readdirSync(dir).filter((n) => existsSync(path.join(dir, n, 'program.json')));
}

export interface ExampleCase {
  file: string;
  form: string;
  locale: string;
  data: unknown;
  expect: { valid: boolean; errors?: { pointer: string; code: string }[]; dropped?: string[] };
}

/**
 * The data cases of an example (`examples/<name>/cases/*.json` that name a form; others are workflow walks), in
 * file order. The CLI's and the server's tests use this one too.
 */
export function exampleCases(name: string): ExampleCase[] {
  const dir = path.join(repoRoot, 'examples', name, 'cases');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }))
    .filter((c) => typeof c.form === 'string' && c.expect);
}

/** A small program, inline-sized, used where an example would hide what a test is about. */
export function miniDefinition(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'mini-program.json'), 'utf8'));
}
