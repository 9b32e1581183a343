// Builds the embed bundle: packages/elements/dist/cf-form.embed.js, one ES module with Lit and core's browser
// runtime bundled in, minified. A host page loads it with one <script type="module"> and uses <cf-form>.
// The program's validators stay a separate module (built by `civicflow build`) that <cf-form src> imports.
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import MagicString from 'magic-string';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const elementsDir = path.join(root, 'packages/elements');

/** Block elements: white space between two of their tags shows nothing (white-space: normal collapses it away). */
const blockTag = String.raw`(?:div|p|section|fieldset|legend|form|nav|ol|ul|li|h[1-6])`;
/** Elements without content, for which `<input />` and `<input>` are the same. */
const voidTag = String.raw`(?:area|br|col|embed|hr|img|input|link|meta|source|track|wbr)`;

/**
 * Minifies the text of a css`` template: comments and white space go, and what CSS reads the same without them:
 * spaces around `{ } ; , > :` and around `*` in calc(), a block's last semicolon, the space before `!important`, a
 * fraction's leading zero, `#ffffff` as `#fff`, quotes around an attribute selector's value that is a plain name
 * (`[type=radio]`), and the spaces of a `+` or `~` between two selectors.
 */
export function minifyCss(raw) {
  return raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/ !important/g, '!important')
    .replace(/([ :(,])0\.(\d)/g, '$1.$2')
    .replace(/([\d)]) \* (?=[\d.(a-z])/g, '$1*')
    .replace(/([:(, ]#)([0-9a-f])\2([0-9a-f])\3([0-9a-f])\4(?![0-9a-f])/gi, '$1$2$3$4')
    .replace(/\[([a-z-]+[~|^$*]?=)(['"])([a-z_][a-z0-9_-]*)\2\]/gi, '[$1$3]')
    .replace(/ ([+~]) (?=[.#][a-z_-]|\[|:)/gi, '$1');
}

/**
 * Minifies the text of an html`` template given as its parts (the text between the `${…}`, which it never touches):
 * each run of white space becomes one space, white space between two tags of block elements goes, and `<input … />`
 * loses its slash. One space stays wherever white space may show (between inline content, next to an expression).
 */
export function minifyHtml(parts) {
  const mark = '\u0001'; // stands for an expression while the parts are read as one text
  const text = parts
    .join(mark)
    .replace(/\s+/g, ' ')
    .replace(new RegExp(String.raw`(<\/?${blockTag}(?:\s[^<>]*)?>) (?=<\/?${blockTag}[\s>])`, 'g'), '$1')
    .replace(new RegExp(String.raw`(<${voidTag}(?:\s[^<>]*?)?) ?\/>`, 'g'), '$1>');
  const out = text.split(mark);
  if (out.length !== parts.length) throw new Error('minifyHtml: a template part contains its own marker');
  return out;
}

/** Collapses the indentation inside Lit's html`` and css`` templates, which a JavaScript minifier must keep. */
function minifyTemplates() {
  const walk = (node, visit) => {
    if (!node || typeof node.type !== 'string') return;
    visit(node);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) walk(child, visit);
      else if (value && typeof value.type === 'string') walk(value, visit);
    }
  };
  return {
    name: 'minify-templates',
    transform(code) {
      if (!code.includes('html`') && !code.includes('css`')) return null;
      const out = new MagicString(code);
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const tag = node.tag.name;
        if (tag !== 'html' && tag !== 'css') return;
        const quasis = node.quasi.quasis;
        const raws = quasis.map((q) => q.value.raw);
        const minified = tag === 'css' ? raws.map(minifyCss) : minifyHtml(raws);
        // White space at the very start and end of a style sheet says nothing.
        if (tag === 'css') {
          minified[0] = minified[0].trimStart();
          minified[minified.length - 1] = minified[minified.length - 1].trimEnd();
        }
        quasis.forEach((q, i) => {
          if (minified[i] !== raws[i]) out.overwrite(q.start, q.end, minified[i]);
        });
      });
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}

/**
 * The license notices of what a file bundles (Lit's, one per module: seven in the embed file, four of them the same),
 * as one notice at its top that keeps every distinct line of them.
 */
function oneLicenseNotice() {
  const notice = /\/\*\*?\s*\n?\s*\*?\s*@license[\s\S]*?\*\//g;
  return {
    name: 'one-license-notice',
    renderChunk(code) {
      const lines = new Set();
      const out = new MagicString(code);
      for (const m of code.matchAll(notice)) {
        for (const line of m[0].split('\n')) {
          const text = line.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, '').trim();
          if (text && text !== '@license') lines.add(text);
        }
        out.remove(m.index, m.index + m[0].length);
      }
      if (lines.size === 0) return null;
      // The copyright lines first, by year, then the license they are under.
      const sorted = [...lines].sort((a, b) => Number(b.startsWith('Copyright')) - Number(a.startsWith('Copyright')) || (a.startsWith('Copyright') ? a.localeCompare(b) : 0));
      out.prepend(`/**\n * @license\n${sorted.map((l) => ` * ${l}\n`).join('')} */\n`);
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}

/**
 * The members an element's parts use among themselves (<cf-form>'s context, loader, drafts, sending, editing and
 * navigation, and the views its render functions read) are named `__…`: they never leave the bundle, so terser
 * shortens them like local names, which a split into parts would otherwise pay for in long member names. Lit uses
 * the same prefix in its own builds; what we bundle of Lit, core and the DOM has no such name, and the pattern
 * leaves out `__proto__` and its like (which end in `__`). Anything a host page, a test or another element reads
 * keeps a plain name.
 */
const internalMember = /^__[a-z][a-zA-Z]*$/;

/**
 * Members of core's FormSession and FormLayout that only the widget's own code reads. Core keeps their plain names
 * for its other callers (the server, tests, other tools), but in the embed build a session never leaves the bundle
 * (<cf-form> holds it as `__session`, and its layout with it), so terser shortens them like the `__…` members, in
 * the embed and in the files beside it alike. None of them is also a UI string's key, a property or method of an
 * element, a key of the definition, of the texts or of a server's answer, or a name the validators module exports
 * (scripts/bundle-only-members.test.ts checks the words and schemas for them).
 */
export const bundleOnlyMembers = [
  'attempted', 'attemptSend', 'errorAt', 'errorsOnPage', 'fieldFor', 'fieldsByPath', 'goTo', 'initialData', 'isHidden', 'isLastStep',
  'listPath', 'localErrors', 'pageOf', 'returnToReview', 'setLocalError', 'setServerErrors', 'setValue', 'summaryMore', 'summaryOpen',
  'useValidation', 'valueAt', 'visiblePages', 'shownErrors', 'errorsByField', 'collectErrors', 'summaryCandidates',
];
const mangledMember = new RegExp(`${internalMember.source}|^(?:${bundleOnlyMembers.join('|')})$`);

/**
 * The chunk of a locale's words: `locale-ar` for the words of its first screen (`strings/locales/ar.ts`) and
 * `locale-ar-later` for the rest (`strings/locales/ar-later.ts`) with core's messages (`messages/locales/ar.ts`),
 * which only checked answers need; `locale-de`, `locale-de-later`, `locale-en` and `locale-en-later` for the widget's
 * German and English catalogues (`strings/de.ts`, `strings/de-later.ts`, …), which every page fetches, in its
 * language, the first at once and the second at the first focus or keystroke.
 */
function localeChunk(id) {
  const core = /[\\/]messages[\\/]locales[\\/]([a-z-]+)\.[jt]s$/.exec(id);
  if (core) return `locale-${core[1]}-later`;
  const m = /[\\/]strings[\\/]locales[\\/]([a-z-]+)\.[jt]s$/.exec(id) ?? /[\\/]elements[\\/]src[\\/]internal[\\/]strings[\\/]((?:de|en)(?:-later)?)\.[jt]s$/.exec(id);
  return m ? `locale-${m[1]}` : undefined;
}

/** The parts <cf-form> imports on its own, by the module that starts each, and the name of its file. */
const parts = { 'form-sending': 'sending', 'form-validation': 'validation', 'form-closed': 'closed', 'form-languages': 'languages', 'form-drafts-kept': 'drafts' };

/**
 * A file beside the bundle: `<stem>.locale-ar.js` and `<stem>.locale-ar-later.js` for a locale's words,
 * `<stem>.sending.js` for the code that sends a form, `<stem>.validation.js` for the code that checks its answers and
 * `<stem>.closed.js` for what a form with periods needs to decide whether it is open and to say when not, which
 * <cf-form> imports on its own (`form-sending.ts`, `form-validation.ts`, `form-closed.ts` and what only each uses:
 * rollup leaves out of a dynamically imported chunk whatever the bundle itself needs).
 */
const partFileName = (stem) => (chunk) => `${stem}.${parts[chunk.name] ?? chunk.name}.js`;

/**
 * Terser's options for every minified file. What was measured on the embed file and why it is kept or not:
 * - `unsafe_methods` writes `{ m: function () {} }` as `{ m() {} }`, which cannot be called with `new`: nothing
 *   we bundle constructs a function it took from an object literal (Lit and our classes use `class`).
 * - `keep_fargs: false` drops unused trailing parameters, which changes a function's `length`: nothing we bundle
 *   reads the arity of a function (Lit, core and the elements call hooks and validators with fixed arguments).
 * Together 35 bytes less gzip on the embed file. Left out: `passes: 3` (2 bytes less on the embed, 11 more on the
 * sending file), `pure_getters` (12 bytes, but Lit's reactive properties and the DOM have getters with effects),
 * `unsafe_arrows` (7 bytes, and an arrow has no `this` of its own nor `new`), `booleans_as_integers` (47 bytes, but
 * `true` becomes `1`, which an attribute binding renders as "1" and `===` tells apart); `toplevel` and
 * `hoist_props` change nothing (`module` already implies the first); `ecma: 2022` writes the same file as 2020
 * (terser has no rewrite that needs more than ES2020, and esbuild already leaves ES2022 syntax as it is).
 */
export const terserOptions = { module: true, ecma: 2020, compress: { passes: 2, unsafe_methods: true, keep_fargs: false } };

/** Bundles one entry (a file, or virtual source) to a minified ES module; returns its code. */
export async function bundle({ input, source, file, plugins = [], splitLocales = true, minify = true }) {
  const virtualId = '\0civicflow-embed-entry.js';
  const virtual = source
    ? { name: 'virtual-entry', resolveId: (id) => (id === virtualId ? id : null), load: (id) => (id === virtualId ? source : null) }
    : null;
  const build = await rollup({
    input: source ? virtualId : input,
    // A chunk beside the bundle imports what it shares with it from the bundle itself, not from a third file.
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      ...plugins,
      virtual,
      // `source` resolves workspace packages to their TypeScript, so the bundle never waits on a dist build.
      nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.js', '.mjs'] }),
      esbuild({ target: 'es2022', tsconfig: path.join(elementsDir, 'tsconfig.json'), exclude: [] }),
      minify && minifyTemplates(),
      // Terser rather than esbuild's minifier: its names follow how often they occur, which gzip rewards.
      // One name cache for all the files of a bundle: a member named `__…` gets the same short name in the bundle
      // and in the files beside it that use it (the sending code reads <cf-form>'s context).
      minify && terser({ ...terserOptions, compress: { ...terserOptions.compress }, mangle: { properties: { regex: mangledMember } }, nameCache: {} }),
      minify && oneLicenseNotice(),
    ].filter(Boolean),
    onwarn(warning, warn) {
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  try {
    // Each locale's words are two files of their own beside the bundle, `<bundle>.locale-<tag>.js` and
    // `<bundle>.locale-<tag>-later.js` (with core's messages for a locale beyond German and English), imported only
    // when a page shows that locale.
    const stem = path.basename(file ?? 'cf-form.embed.js').replace(/\.embed\.js$/, '');
    const options = splitLocales
      ? { format: 'es', sourcemap: Boolean(file), manualChunks: localeChunk, chunkFileNames: partFileName(stem) }
      : { format: 'es', sourcemap: Boolean(file), inlineDynamicImports: true };
    if (file) mkdirSync(path.dirname(file), { recursive: true });
    const { output } = file
      ? await build.write(splitLocales ? { ...options, dir: path.dirname(file), entryFileNames: path.basename(file) } : { ...options, file })
      : await build.generate(options);
    return output[0].code;
  } finally {
    await build.close();
  }
}

export const embedFile = path.join(elementsDir, 'dist/cf-form.embed.js');

export async function buildEmbed() {
  return bundle({ input: path.join(elementsDir, 'src/embed.ts'), file: embedFile });
}

/** <cf-program-report> in a bundle of its own (dist/cf-program-report.embed.js): the form's bundle stays free of charts. */
export const reportEmbedFile = path.join(elementsDir, 'dist/cf-program-report.embed.js');

export async function buildReportEmbed() {
  // The report speaks German and English only (it is read by staff): no locale files.
  return bundle({ input: path.join(elementsDir, 'src/program-report/define.ts'), file: reportEmbedFile, splitLocales: false });
}

/**
 * The program designer (packages/designer/dist/cf-program-designer.bundle.js) for `civicflow dev`: with Lit, the
 * widget and the whole of core, Ajv included, since it checks the program as `civicflow check` does. A local tool,
 * never embedded in a site, so it is not minified.
 */
export const designerBundleFile = path.join(root, 'packages/designer/dist/cf-program-designer.bundle.js');

export async function buildDesignerBundle() {
  const { default: commonjs } = await import('@rollup/plugin-commonjs');
  const { default: json } = await import('@rollup/plugin-json');
  return bundle({ input: path.join(root, 'packages/designer/src/bundle.js'), file: designerBundleFile, splitLocales: false, minify: false, plugins: [json(), commonjs({ transformMixedEsModules: true })] });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = await buildEmbed();
  console.log(`embed bundle: ${path.relative(root, embedFile)} (${(code.length / 1024).toFixed(1)} KB minified)`);
  const report = await buildReportEmbed();
  console.log(`report bundle: ${path.relative(root, reportEmbedFile)} (${(report.length / 1024).toFixed(1)} KB minified)`);
  const designer = await buildDesignerBundle();
  console.log(`designer bundle: ${path.relative(root, designerBundleFile)} (${(designer.length / 1024).toFixed(1)} KB)`);
}
