import type { FieldSpec } from './field-specs.js';
import type { UiStrings } from './ui-strings.js';
import { fillString } from './ui-strings.js';

/** A file size for people: "2.5 MB", "300 kB". */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, size] = bytes >= 1_000_000 ? ['megabyte', bytes / 1_000_000] : bytes >= 1_000 ? ['kilobyte', bytes / 1_000] : ['byte', bytes];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(size);
}

/** Whether a media type matches an accepted one (`image/*` matches `image/png`). */
export function mediaTypeMatches(type: string, accept: string): boolean {
  return accept
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .some((a) => a === type.toLowerCase() || (a.endsWith('/*') && type.toLowerCase().startsWith(a.slice(0, -1))));
}

/** Why a chosen file cannot be taken (its type or size against the schema), or undefined. */
export function fileProblem(file: { type: string; size: number }, spec: FieldSpec, strings: UiStrings, locale: string): string | undefined {
  if (spec.accept && !mediaTypeMatches(file.type, spec.accept)) return fillString(strings.fileWrongType, { accept: spec.accept });
  if (spec.maxBytes !== undefined && file.size > spec.maxBytes) return fillString(strings.fileTooLarge, { limit: formatBytes(spec.maxBytes, locale) });
  return undefined;
}
