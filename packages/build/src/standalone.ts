import { parseAst } from 'rollup/parseAst';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv';
import { createAjv, type Program } from '@civicflow/core';
import { formLayout, isFirstText, localeFallbacks, periodTextKeys, textKeys, textsInLocale, type DefinitionDocument, type ModulePlan, type NotesDocument, type TextsDocument } from '@civicflow/core/runtime';
import { combinableConditions, combinedConditionSchema, defaultLimits, deriverSource, formPlan, guardPlaces, guardPlacesSource, heldValues, validatorSchema } from '@civicflow/core/compile';
import { BuildError } from './errors.js';

/** Export names inside a precompiled module: `f_<form>` for a form, `c_<form>_<n>` for its n-th condition. */
export const validatorExportName = (formId: string) => `f_${formId}`;
export const conditionExportName = (formId: string, index: number) => `c_${formId}_${index}`;
export const combinedExportName = (formId: string) => `k_${formId}`;

/**
 * The ES module sources of a program's validators, with Ajv's standalone code: every form's schema and
 * every condition, plus the definition and its hash. The sources still `require` Ajv's small runtime
 * helpers; `buildValidatorsModule` bundles them into one module that runs
 * without `eval` or `new Function`, so under `Content-Security-Policy: script-src 'self'`.
 */
export interface ValidatorsSourceOptions {
  /** Only these forms (default: all). The embedded definition then holds only them and their texts. */
  forms?: readonly string[];
  /** Only the texts of these locales (default: all). A page in one language then loads only its words. */
  locales?: readonly string[];
  /**
   * Smaller code for browsers: each form's validator checks its schema alone, without the program's
   * conditions folded in as guards, and there is no combined condition check. Both only make validation
   * of many submissions faster (on a server); the results are the same.
   */
  compact?: boolean;
  /**
   * Leaves the definition out of the module. Instead it names, per locale, where the definition in that
   * locale is (a URL, resolved against the module's own URL), and exports the locales. The definitions are
   * JSON documents made by `definitionDocument`; `fromValidatorsModule` takes one beside the module.
   */
  definitionUrls?: Readonly<Record<string, string>>;
  /**
   * With `definitionUrls`: per locale, where what applicants are told in each state is (a URL, resolved against the
   * module's own URL), for definitions that leave those texts out (`definitionDocument` with `notesApart`). They are
   * JSON documents made by `notesDocument`; the widget fetches one with the code that sends, since only the
   * confirmation shows them.
   */
  notesUrls?: Readonly<Record<string, string>>;
  /**
   * With `definitionUrls`: per locale, where the words are that a definition made with `textsApart` leaves out (a URL,
   * resolved against the module's own URL): JSON documents made by `textsDocument`. The widget fetches the one of its
   * locale when the person first works on the form, and before it shows any page but the first.
   */
  textsUrls?: Readonly<Record<string, string>>;
  /**
   * With `definitionUrls` and `compact` (else it is ignored): where the forms' validators are (a URL, resolved against the module's own
   * URL), in a module of their own made by `generateChecksSource`. This module then holds what a page needs to show a
   * form (its conditions, plans and derived values) and `validators` stays empty until the page hands it that module
   * (`useChecks` from `@civicflow/core/runtime`), so a page fetches the larger part when a person first works on
   * the form.
   */
  checksUrl?: string;
}

/**
 * The JSON document of the definition of some forms in one locale, for a module built with `definitionUrls`; with
 * `notesApart`, without what applicants are told in each state (`notesDocument` has it, for a module built with
 * `notesUrls`).
 */
export function definitionDocument(program: Program, options: { forms?: readonly string[]; locale: string; notesApart?: boolean; textsApart?: boolean }): string {
  checkOptions(program, { ...(options.forms ? { forms: options.forms } : {}), locales: [options.locale] });
  const definition = definitionForForms(program, options.forms, [options.locale], !options.notesApart);
  // With `textsApart`, only the words a page shows before the person works on the form (`isFirstText`); `textsDocument`
  // has the rest, for a module built with `textsUrls`.
  const texts = definition.texts?.[options.locale];
  const apart = options.textsApart === true && texts !== undefined;
  const shown = withConditionsInCode(definition);
  const kept = apart ? { ...shown, texts: { [options.locale]: splitTexts(shown, texts).first } } : shown;
  // The hash is the whole program's, as in the module: a page never pairs code and words of different versions.
  const doc: DefinitionDocument = { hash: program.hash, definition: kept, ...(apart ? { textsApart: true as const } : {}) };
  return JSON.stringify(doc);
}

/**
 * The definition with each condition (`when` of a page or a field) reduced to `true`: a page with a module gets the
 * conditions' code from that module (`conditions`, by their order in the form), so their schemas are words it never
 * reads. The conditions stay where they were, so that their order, which pairs them with the module's code, is the same.
 */
function withConditionsInCode(definition: Program['definition']): Program['definition'] {
  // A page and a field are alike here: an optional `when`, and fields inside (a field named by a string has neither).
  type Placed = { when?: unknown; fields?: readonly unknown[] };
  const reduce = (placed: unknown): unknown => {
    if (typeof placed !== 'object' || placed === null) return placed;
    const p = placed as Placed;
    return { ...p, ...(p.when !== undefined ? { when: true } : {}), ...(p.fields ? { fields: p.fields.map(reduce) } : {}) };
  };
  const forms = Object.fromEntries(
    Object.entries(definition.forms).map(([id, form]) => [id, form.ui?.pages ? { ...form, ui: { ...form.ui, pages: form.ui.pages.map(reduce) } } : form]),
  );
  return { ...definition, forms } as Program['definition'];
}

/**
 * The words of some forms in one locale that `definitionDocument` with `textsApart` leaves out: the error messages and
 * the words of fields on later pages, `{ hash, locale, texts }`. Undefined when it leaves nothing out.
 */
export function textsDocument(program: Program, options: { forms?: readonly string[]; locale: string }): string | undefined {
  checkOptions(program, { ...(options.forms ? { forms: options.forms } : {}), locales: [options.locale] });
  const definition = definitionForForms(program, options.forms, [options.locale], false);
  const rest = splitTexts(definition, definition.texts?.[options.locale] ?? {}).rest;
  if (Object.keys(rest).length === 0) return undefined;
  const doc: TextsDocument = { hash: program.hash, locale: options.locale, texts: rest };
  return JSON.stringify(doc);
}

/** A locale's texts parted into those a page shows first (`isFirstText`) and the rest. */
function splitTexts(definition: Program['definition'], texts: Readonly<Record<string, string>>): { first: Record<string, string>; rest: Record<string, string> } {
  const first: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) (isFirstText(key, definition.forms) ? first : rest)[key] = text;
  return { first, rest };
}

/** What applicants are told in each state, in one locale (with the texts it falls back to): `{ hash, texts }`. */
export function notesDocument(program: Program, options: { locale: string }): string {
  checkOptions(program, { locales: [options.locale] });
  const doc: NotesDocument = { hash: program.hash, texts: applicantTexts(program, options.locale) };
  return JSON.stringify(doc);
}

/** Whether a program tells applicants anything in any state, in any locale. */
export function hasApplicantTexts(program: Program): boolean {
  return Object.values(program.definition.texts ?? {}).some((entries) => Object.keys(entries).some((key) => APPLICANT_NOTE.test(key)));
}

function applicantTexts(program: Program, locale: string): Record<string, string> {
  const def = program.definition;
  const texts = def.texts ? textsInLocale(def.texts, def.locales, locale) : {};
  return Object.fromEntries(Object.entries(texts).filter(([key]) => APPLICANT_NOTE.test(key)));
}

function checkOptions(program: Program, options: ValidatorsSourceOptions): void {
  for (const f of options.forms ?? []) if (!Object.prototype.hasOwnProperty.call(program.definition.forms, f)) throw new BuildError('FORM_UNKNOWN', `Program "${program.id}" has no form "${f}"`, f);
  for (const l of [...(options.locales ?? []), ...Object.keys(options.definitionUrls ?? {})]) {
    if (!program.locales.includes(l)) throw new BuildError('LOCALE_UNKNOWN', `Program "${program.id}" has no locale "${l}"`, l);
  }
  if (options.locales?.length === 0) throw new BuildError('LOCALES_EMPTY', 'At least one locale is needed');
}

/** Keys of what the applicant is told in a state (`applicantNoteKey`). */
const APPLICANT_NOTE = /^workflow\.states\.[^.]+\.applicant\./;

/**
 * The part of a definition a module for some forms needs: those forms and their texts, the periods they take
 * submissions in with those periods' texts (the widget shows them when a form is closed), what applicants are told
 * in each state, no workflow.
 */
export function definitionForForms(program: Program, forms: readonly string[] | undefined, locales?: readonly string[], withNotes = true): Program['definition'] {
  const def = program.definition;
  if (!forms && !locales && withNotes) return def;
  const keepForm = (id: string) => !forms || forms.includes(id);
  const keepLocale = (locale: string) => !locales || locales.includes(locale);
  const periods = new Set(Object.keys(def.forms).filter(keepForm).flatMap((id) => (def.forms[id]!.submissions ?? def.submissions)?.periods ?? []));
  const formPrefixes = forms?.map((f) => textKeys.formTitle(f).replace(/title$/, '')).concat([...periods].map((p) => periodTextKeys.title(p).replace(/title$/, '')));
  // What the applicant is told in each state stays: the page's confirmation says it for the state its receipt names.
  // (Unless they come apart: see `notesDocument`.)
  const keepText = (key: string) =>
    APPLICANT_NOTE.test(key) ? withNotes : !formPrefixes || key.startsWith('errors.') || formPrefixes.some((p) => key.startsWith(p));
  const byLocale = <T>(map: Readonly<Record<string, T>> | undefined, pick: (value: T) => T = (v) => v) =>
    map && Object.fromEntries(Object.entries(map).filter(([locale]) => keepLocale(locale)).map(([locale, v]) => [locale, pick(v)]));
  // A locale kept without the one it falls back to (`de-x-ls` without `de`) carries that one's texts where it has
  // none of its own, so that a page in Leichte Sprache shows German where nothing simpler was written.
  const own = (map: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined) =>
    locales && map ? Object.fromEntries(def.locales.filter(keepLocale).map((l) => [l, textsInLocale(map, def.locales, l)])) : map;
  const ownTitle = (map: Readonly<Record<string, string>> | undefined) =>
    locales && map ? Object.fromEntries(def.locales.filter(keepLocale).flatMap((l) => (localeText(map, l) === undefined ? [] : [[l, localeText(map, l)!]]))) : map;
  const localeText = (map: Readonly<Record<string, string>>, l: string) => localeFallbacks(l).map((f) => map[f]).find((t) => t !== undefined);
  const texts = byLocale(own(def.texts), (entries) => Object.fromEntries(Object.entries(entries).filter(([key]) => keepText(key))));
  const { workflow, ...rest } = def;
  return {
    ...rest,
    ...(forms || !workflow ? {} : { workflow }),
    locales: def.locales.filter(keepLocale),
    ...(def.title ? { title: byLocale(ownTitle(def.title)) } : {}),
    ...(def.description ? { description: byLocale(ownTitle(def.description)) } : {}),
    forms: Object.fromEntries(Object.entries(def.forms).filter(([id]) => keepForm(id))),
    ...(def.periods && forms ? { periods: Object.fromEntries(Object.entries(def.periods).filter(([id]) => periods.has(id))) } : {}),
    ...(texts ? { texts } : {}),
  } as Program['definition'];
}

export function generateValidatorsSource(program: Program, options: ValidatorsSourceOptions = {}): string {
  const apart = options.checksUrl !== undefined && options.compact === true && options.definitionUrls !== undefined;
  return validatorsSource(program, apart ? options : { ...options, checksUrl: undefined }, apart ? 'first' : 'all');
}

/**
 * The forms' validators of a module built with `checksUrl`: exports `hash`, `validators` and `useDefinition` (the
 * compact code reads the form schemas of the definition fetched beside the module).
 */
export function generateChecksSource(program: Program, options: ValidatorsSourceOptions): string {
  return validatorsSource(program, { ...options, compact: true }, 'checks');
}

/** The source of a whole module, of its `first` part without the forms' validators, or of those (`checks`). */
function validatorsSource(program: Program, options: ValidatorsSourceOptions, part: 'all' | 'first' | 'checks'): string {
  checkOptions(program, options);
  const definition = definitionForForms(program, options.forms, options.locales);
  // Format checks that are functions (date, time, ...) are referenced from ajv-formats by this code
  // expression; it must come from the same Ajv copy that generates the code, so it is set here.
  // A compact module checks a person's own data in a browser: Ajv's smaller pairwise uniqueItems does (same errors).
  const codeOptions = { source: true, esm: true, lines: false, formats: _`require("ajv-formats/dist/formats").fullFormats` };
  const ajv = createAjv({ code: codeOptions }, { pairwiseUniqueItems: options.compact === true, lookupAdditionalProperties: options.compact === true });
  const exportsMap: Record<string, string> = {};
  const forms: string[] = [];
  const conditions: string[] = [];
  const combinedList: string[] = [];
  const plans: Record<string, ModulePlan> = {};
  for (const [formId, form] of Object.entries(definition.forms)) {
    const name = validatorExportName(formId);
    if (part !== 'first') {
      ajv.addSchema((options.compact ? form.schema : validatorSchema(formLayout(form), form)) as object, name);
      exportsMap[name] = name;
      forms.push(`${JSON.stringify(formId)}: ${name}`);
    }
    const names = formLayout(form).conditions.map((site) => {
      const c = conditionExportName(formId, site.index);
      if (part === 'checks') return c;
      ajv.addSchema(site.schema as object, c);
      exportsMap[c] = c;
      return c;
    });
    conditions.push(`${JSON.stringify(formId)}: [${names.join(', ')}]`);
    const combined = options.compact ? undefined : combinedConditionSchema(formLayout(form));
    const plan: ModulePlan = formPlan(program, formId, { guards: !options.compact });
    if (combined !== undefined) {
      const k = combinedExportName(formId);
      ajv.addSchema(combined as object, k);
      exportsMap[k] = k;
      combinedList.push(`${JSON.stringify(formId)}: ${k}`);
      plans[formId] = { ...plan, combined: combinableConditions(formLayout(form)) };
    } else plans[formId] = plan;
  }
  let code = standaloneCode.default(ajv, exportsMap);
  const urls = options.definitionUrls;
  /** Assignments that hand a definition's form schemas to the code (for a module with its definitions beside it). */
  const borrowed: string[] = [];
  if (options.compact) {
    // Ajv keeps a copy of a schema whose parts its code reads (an enum's allowed values, the names of the
    // properties); a compact validator checks the form schema as it stands in the definition, so the copy's
    // declaration becomes the definition's schema (only the declaration changes: the name stays as it is).
    for (const [formId, form] of Object.entries(definition.forms)) {
      const literal = JSON.stringify(form.schema).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
      const name = new RegExp(`const (schema\\d+) = ${escapeRegExp(literal)};`).exec(code)?.[1];
      if (!name) continue;
      const schema = `forms[${JSON.stringify(formId)}].schema`;
      code = code.replace(`const ${name} = ${literal};`, () => (urls ? `let ${name};` : `const ${name} = definition.${schema};`));
      if (urls) borrowed.push(`${name} = d.${schema};`);
    }
    code = shortenSchemaPaths(code);
  }
  // What a page loads first holds only conditions, which answer yes or no: their errors say nothing to anyone.
  if (part === 'first') code = dropErrorDetails(code);
  // The code that works out a form's derived values, with the helpers it calls: only in a module with such a form.
  const derivers = Object.entries(plans).flatMap(([formId, plan]) =>
    plan.derived ? [`${JSON.stringify(formId)}: (function (h, put, hasPath) {\n${deriverSource(plan.derived)}\n})(expressionHelpers, putAt, hasPath)`] : [],
  );
  // The input guard's quick checks go with the validators they speed up: in a module of its own, with the checks.
  const quick = part === 'first' ? [] : quickChecksSource(definition, options.compact !== true);
  const scope = options.forms ? ` (forms ${options.forms.join(', ')})` : '';
  if (part === 'checks') {
    return [
      `// Precompiled validators of ${program.ref}${scope}, the forms' checks, generated by civicflow. Do not edit.`,
      code,
      `/** Called with the definition fetched from beside the module (the code reads its schemas). */`,
      `export function useDefinition(d) { ${borrowed.join(' ')} }`,
      `export const hash = ${JSON.stringify(program.hash)};`,
      `export const validators = { ${forms.join(', ')} };`,
      ...quick,
      '',
    ].join('\n');
  }
  return [
    `// Precompiled validators of ${program.ref}${scope}, generated by civicflow. Do not edit.`,
    urls
      ? [
          `export const locales = ${JSON.stringify(definition.locales.filter((l) => Object.prototype.hasOwnProperty.call(urls, l)))};`,
          `export const definitionUrls = { ${Object.entries(urls).map(([l, u]) => `${JSON.stringify(l)}: new URL(${JSON.stringify(u)}, import.meta.url).href`).join(', ')} };`,
          ...(options.notesUrls
            ? [`export const notesUrls = { ${Object.entries(options.notesUrls).map(([l, u]) => `${JSON.stringify(l)}: new URL(${JSON.stringify(u)}, import.meta.url).href`).join(', ')} };`]
            : []),
          ...(options.textsUrls
            ? [`export const textsUrls = { ${Object.entries(options.textsUrls).map(([l, u]) => `${JSON.stringify(l)}: new URL(${JSON.stringify(u)}, import.meta.url).href`).join(', ')} };`]
            : []),
          ...(options.checksUrl !== undefined ? [`export const checksUrl = new URL(${JSON.stringify(options.checksUrl)}, import.meta.url).href;`] : []),
          `/** Called by fromValidatorsModule with the definition fetched from beside the module (the code reads its schemas). */`,
          `export function useDefinition(d) { ${borrowed.join(' ')} }`,
        ].join('\n')
      : `export const definition = ${JSON.stringify(definition)};`,
    code,
    `export const hash = ${JSON.stringify(program.hash)};`,
    `export const validators = { ${forms.join(', ')} };`,
    `export const conditions = { ${conditions.join(', ')} };`,
    `export const combinedConditions = { ${combinedList.join(', ')} };`,
    // Worked out here so that the browser needs none of the code that works them out.
    `export const plans = ${JSON.stringify(plans)};`,
    ...(derivers.length > 0
      ? ['import { expressionHelpers, putAt, hasPath } from "@civicflow/core/derive";', `export const derivers = { ${derivers.join(',\n')} };`]
      : []),
    ...quick,
    '',
  ].join('\n');
}

/**
 * The input guard's quick checks of each form (`FormPlan.storable`, and for a module for servers
 * `storableDespiteErrors`), written out as `validate` generates them at run time: where the schema already holds the
 * data to what the guard allows, validation then looks at a few values instead of walking all of them. A browser
 * runs this code under a strict CSP. A form whose places are not so simple (see `guardPlaces`) has none; the guard
 * then walks its data, as in `validate`.
 */
function quickChecksSource(definition: Program['definition'], forServers: boolean): string[] {
  const longest = defaultLimits.maxStringLength;
  const checks: string[] = [];
  const lines: string[] = [];
  let plainAt = false;
  let despite = false;
  for (const [formId, form] of Object.entries(definition.forms)) {
    const schema = form.schema as Parameters<typeof guardPlaces>[0];
    const places = guardPlaces(schema, longest);
    if (!places) continue;
    const body = guardPlacesSource(places, longest);
    const name = `quickCheck${checks.length}`;
    plainAt ||= body.includes('plainAt(');
    lines.push(`const ${name} = (function (storable, plainAt, limits) { ${body} })(cfStorable, ${body.includes('plainAt(') ? 'cfPlainAt' : 'undefined'}, cfGuardLimits);`);
    const held = forServers ? heldValues(schema, defaultLimits) : Infinity;
    const despiteCode = held <= defaultLimits.maxValues ? `, storableDespiteErrors: cfDespite(${name}, ${held}, cfGuardLimits)` : '';
    despite ||= despiteCode !== '';
    checks.push(`${JSON.stringify(formId)}: { storable: ${name}${despiteCode} }`);
  }
  if (checks.length === 0) return [];
  const imports = ['isStorableText as cfStorable', ...(plainAt ? ['isPlainAt as cfPlainAt'] : []), ...(despite ? ['guardFreeDespiteErrors as cfDespite'] : [])];
  return [
    `import { ${imports.join(', ')} } from "@civicflow/core/guard";`,
    `const cfGuardLimits = ${JSON.stringify({ ...defaultLimits, maxStringLength: longest })};`,
    ...lines,
    `export const quickChecks = { ${checks.join(', ')} };`,
  ];
}

/**
 * Empties the error objects of Ajv's generated code (`const err0 = {instancePath, schemaPath, keyword, params}` becomes
 * `const err0 = {}`), for code whose callers only ask whether the data matches. The code still collects, counts and
 * cuts back its errors exactly as before, so its control flow stays Ajv's; only what an error says is gone, and with
 * it the copies of schema values the errors quoted, which the minifier then drops as unused. The code is parsed (with
 * the bundler's own parser), so nothing inside a string or a regular expression is mistaken for such an object.
 */
export function dropErrorDetails(code: string): string {
  const objects: { start: number; end: number }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: string; id?: { type: string; name?: string }; init?: { type: string; start: number; end: number } };
    if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && /^err\d+$/.test(n.id.name ?? '') && n.init?.type === 'ObjectExpression') {
      objects.push({ start: n.init.start, end: n.init.end });
      return;
    }
    for (const value of Object.values(n)) if (typeof value === 'object') visit(value);
  };
  visit(parseAst(code));
  let out = code;
  for (const { start, end } of objects.sort((x, y) => y.start - x.start)) out = out.slice(0, start) + '{}' + out.slice(end);
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Gives every schema path in Ajv's error objects a short name: each step becomes its position among the
 * steps that follow the same parent (`#/properties/person/properties/givenName/type` → `#/0/0/0/3/1`). The
 * names stay distinct and keep prefixes (a combinator's errors still start with its path), which is all the
 * runtime asks of them in a compact module, whose validators have no guards to find by path.
 */
export function shortenSchemaPaths(code: string): string {
  interface Node { readonly id: string; readonly children: Map<string, Node> }
  const root: Node = { id: '#', children: new Map() };
  const shortOf = (path: string): string => {
    let node = root;
    let out = '#';
    for (const step of path.split('/').slice(1)) {
      let next = node.children.get(step);
      if (!next) node.children.set(step, (next = { id: node.children.size.toString(36), children: new Map() }));
      out += '/' + next.id;
      node = next;
    }
    return out;
  };
  return code.replace(/schemaPath:"(#[^"\\]*)"/g, (_m, path: string) => `schemaPath:${JSON.stringify(shortOf(path))}`);
}
