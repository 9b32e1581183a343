import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared FIM test data (../shared/fim from the repository root); it is read there, never copied. */
export const fimDataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fim');

export function readFimFile(name: string): Buffer {
  return readFileSync(path.join(fimDataDir, name));
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
      if (typeof schema['pattern'] === 'string' && (schema['pattern'] as string).includes('[01][0-9]')) return '09:30';
      return 'A'.repeat(Math.max(1, (schema['minLength'] as number | undefined) ?? 1));
  }
}
