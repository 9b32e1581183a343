/**
 * Lines for a page's `<head>` that let the browser fetch a form's validators module and its words at once, beside
 * the widget's own script, instead of one after the other: the widget learns the words' address only from the
 * module, and the module's only once it runs. On a network with 50 ms per request that chain costs two round trips.
 */

import { BuildError } from './errors.js';

/** What `preloadSnippet` needs. */
export interface PreloadSnippetOptions {
  /** The validators module's file name (`<name>.validators.js`). */
  moduleFile: string;
  /** The definition's address as the module names it, relative to the module (`./<name>.de.json?v=…`). */
  definitionUrl: string;
  /** Where the page finds the files: a path or URL ending in `/`; empty for "beside the page". */
  publicPath: string;
  /** A line for the person who pastes it: which program, forms and language. */
  label: string;
}

const escapeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeComment = (s: string): string => s.replace(/--/g, '- -').replace(/>/g, '&gt;');

/**
 * Two `<link>` elements: `modulepreload` for the module and `preload` (as `fetch`, `crossorigin` so that it matches
 * the widget's own `fetch` with same-origin credentials) for the definition, at exactly the address the widget will
 * ask for, so the browser uses what it fetched ahead.
 */
export function preloadSnippet(options: PreloadSnippetOptions): string {
  const base = options.publicPath;
  if (base !== '' && !base.endsWith('/')) throw new BuildError('PUBLIC_PATH_INVALID', `The public path must end with "/": ${base}`, base);
  const definition = options.definitionUrl.replace(/^\.\//, '');
  return [
    `<!-- ${escapeComment(options.label)}: in <head>, before the widget's script -->`,
    `<link rel="modulepreload" href="${escapeAttribute(base + options.moduleFile)}">`,
    `<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(base + definition)}">`,
    '',
  ].join('\n');
}
