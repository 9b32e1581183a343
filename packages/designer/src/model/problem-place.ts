import { toPath } from '../document/json-path.js';
import type { ProgramDocument } from '../document/program-document.js';

/** Where in the designer a problem belongs: a form, one of its pages, or a field (by its dotted path). */
export interface Place {
  readonly form?: string;
  readonly page?: string;
  readonly field?: string;
}

/**
 * Maps a problem's JSON pointer (as `loadProgram` reports it) to the designer's place: schema properties, page
 * entries and text keys of a field go to the field; a page's entries and title to the page; the rest of a form to
 * the form; anything else to the program (an empty place).
 */
export function placeOf(doc: ProgramDocument, pointer: string): Place {
  const path = toPath(pointer, doc.value);
  if (path[0] === 'texts' && typeof path[2] === 'string') {
    const m = /^forms\.([^.]+)\.(fields|pages)\.(.+)\.(label|help|title|options\..*|errors\..*)$/.exec(path[2]);
    if (!m) {
      const form = /^forms\.([^.]+)\./.exec(path[2])?.[1];
      return form ? { form } : {};
    }
    return m[2] === 'pages' ? { form: m[1]!, page: m[3]! } : { form: m[1]!, field: m[3]! };
  }
  if (path[0] !== 'forms' || typeof path[1] !== 'string') return {};
  const form = path[1];
  if (path[2] === 'schema') {
    // /schema/properties/a/properties/b or /items/properties/b: the dotted path of the deepest property named.
    const names: string[] = [];
    for (let i = 3; i < path.length - 1; i++) if (path[i] === 'properties') names.push(String(path[++i]));
    return names.length ? { form, field: names.join('.') } : { form };
  }
  if (path[2] === 'ui' && path[3] === 'pages' && typeof path[4] === 'number') {
    const page = doc.get(['forms', form, 'ui', 'pages', path[4]]) as { id?: unknown } | undefined;
    const pageId = typeof page?.id === 'string' ? page.id : undefined;
    if (path[5] === 'fields' && typeof path[6] === 'number') {
      const entry = doc.get(path.slice(0, 7));
      const key = typeof entry === 'string' ? entry : (entry as { field?: unknown } | undefined)?.field;
      if (typeof key === 'string') return { form, ...(pageId ? { page: pageId } : {}), field: key };
    }
    return pageId ? { form, page: pageId } : { form };
  }
  return { form };
}
