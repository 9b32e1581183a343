import type { FieldSpec } from '../internal/field-specs.js';
import type { UiStrings } from '../internal/ui-strings.js';
import { fillString, uiStrings } from '../internal/ui-strings.js';
import { loadAllWords } from '../internal/locale-words.js';
import { formatBytes } from '../internal/check-file.js';
import type { UploadHook } from './field.js';

/** What taking a file needs of the `<cf-field>` it was chosen in. */
export interface FileField {
  readonly spec: FieldSpec;
  readonly pointer: string;
  readonly strings: UiStrings;
  readonly locale: string;
  readonly upload: UploadHook | undefined;
  /** Says what is being uploaded, or nothing. */
  showUploading(text: string | undefined): void;
  /** The file's value for the form, with its name and size. */
  took(value: unknown, file: { name: string; size: number }): void;
  /** Why the file was not taken. */
  refused(message: string | undefined): void;
}

/**
 * Takes the file chosen in a field's file input: checks its type and size against the schema, then hands it to the
 * host's upload hook or reads it inline. A file refused or failed leaves the input empty. The code of a page that
 * never gets a file: it comes with the code that checks answers (`cf-form.validation.js`), fetched at the first focus,
 * which a click on the input is too.
 */
export async function takeFile(field: FileField, input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  // The words of a file's problems come with the rest of the widget's words, at the first focus or keystroke: a file
  // chosen before they are here (a click that moved no focus) waits for them.
  let strings = field.strings;
  if (strings.fileTooLarge === undefined) {
    await loadAllWords(field.locale).catch(() => undefined);
    strings = { ...uiStrings(field.locale), ...strings };
    // Not to be had (the form says so at "Continue"): the file is not taken.
    if (strings.fileTooLarge === undefined) {
      input.value = '';
      return;
    }
  }
  const problem = fileProblem(file, field.spec, strings, field.locale);
  if (problem) {
    input.value = '';
    field.refused(problem);
    return;
  }
  field.showUploading(fillString(strings.fileUploading, { name: file.name }));
  try {
    const value = field.upload ? await field.upload(file, { pointer: field.pointer, path: field.spec.path }) : await readFile(file, field.spec.encoding);
    field.took(value, { name: file.name, size: file.size });
  } catch {
    input.value = '';
    field.refused(strings.fileFailed);
  } finally {
    field.showUploading(undefined);
  }
}

/** Reads a file for an inline value: base64 when the schema says `contentEncoding: base64`, else a data: URL. */
function readFile(file: File, encoding: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(encoding === 'base64' ? url.slice(url.indexOf(',') + 1) : url);
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
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
