import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The project's own FIM fixtures: invented schemas of an invented town, one folder per schema with the
 * genericode lists it is given beside it. Every test that must always run reads these.
 */
export const fixturesDir = path.join(here, 'fixtures');

/** A file of the project's own fixtures, e.g. `vereinszuschuss/vereinszuschuss.xml`. */
export function readFixture(name: string): Buffer {
  return readFileSync(path.join(fixturesDir, name));
}

/**
 * Real FIM files (../shared/fim from the repository root). Their licence keeps them out of the repository,
 * so they are read where they lie, and the tests that need them are skipped in a clone without them.
 */
export const sharedFimDir = path.resolve(here, '../../../../../shared/fim');

/** Whether ../shared/fim lies beside the repository (as in CI). */
export const hasSharedFim = existsSync(sharedFimDir);

/** A real FIM file from ../shared/fim; only for tests skipped when `hasSharedFim` is false. */
export function readSharedFim(name: string): Buffer {
  return readFileSync(path.join(sharedFimDir, name));
}

type Schema = Record<string, unknown>;

/**
 * The smallest data a schema accepts, built from the schema rather than written by hand: every required
 * property with a value at its lower limits, yes/no answers "no" so that conditional fields stay hidden.
 */
export function minimalData(schema: Schema): unknown {
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).includes(false) ? false : (schema['enum'] as unknown[])[0];
  switch (schema['type']) {
    case 'object': {
      const props = (schema['properties'] ?? {}) as Record<string, Schema>;
      const out: Record<string, unknown> = {};
      for (const name of (schema['required'] ?? []) as string[]) out[name] = minimalData(props[name]!);
      return out;
    }
    case 'array': {
      const n = (schema['minItems'] as number | undefined) ?? 0;
      const items = schema['items'] as Schema;
      return Array.from({ length: n }, (_, i) => {
        const item = minimalData(items);
        return typeof item === 'string' && schema['uniqueItems'] ? `${item}${i}` : item;
      });
    }
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return (schema['minimum'] as number | undefined) ?? 1;
    default:
      if (schema['format'] === 'date') return '2024-05-01';
      if (schema['format'] === 'date-time') return '2024-05-01T10:00:00Z';
      if (schema['contentEncoding'] === 'base64') return 'JVBERi0xLjQK';
      return sampleText(schema);
  }
}

/**
 * A string the schema's length limits and pattern accept: letters, or failing those a time of day or five
 * digits, the patterns the fixtures' fields have (a schema's pattern cannot in general be inverted).
 */
export function sampleText(schema: Schema): string {
  const letters = 'A'.repeat(Math.max(1, (schema['minLength'] as number | undefined) ?? 1));
  const pattern = typeof schema['pattern'] === 'string' ? new RegExp(schema['pattern'], 'u') : undefined;
  return [letters, '09:30', '01234'].find((s) => !pattern || pattern.test(s)) ?? letters;
}
