import { byteLength, parseXml } from './parse-xml.js';
import { readGenericode, type CodeList } from './read-genericode.js';
import { readXdf, type FimCodeListRef, type FimDocument, type FimGroup, type FimMember } from './read-xdf.js';
import { FimError } from './errors.js';
import { mapField, type CodeListLookup } from './map-field.js';
import { propertyName } from './property-name.js';
import { createWarning } from './messages.js';
import { applyRules, type LayoutEntry, type Placed } from './apply-rules.js';
import type { CodeListSkip, ImportReport, ImportWarning } from './report.js';

export interface ImportFimOptions {
  /** Genericode code lists (file contents) for the fields that reference one; anything else is refused. */
  codelists?: readonly (string | Uint8Array)[];
  /**
   * Files as people keep them beside a schema, e.g. a downloaded folder: the genericode code lists among them
   * are used, every other file (another schema, a PDF, a list that does not parse) is skipped and named in
   * `report.codeLists.skipped` with the reason.
   */
  codelistFiles?: readonly { readonly name: string; readonly content: string | Uint8Array }[];
  /** The largest XML document accepted, in bytes; default 10 MiB. Code lists have the same limit. */
  maxBytes?: number;
  /** The id of the form in the program; default `antrag`. */
  formId?: string;
  /**
   * The day (`YYYY-MM-DD`) an age is counted on when a rule names none ("mindestens 18 Jahre alt"), such as
   * the call's closing date. Without it such a rule is not applied (`RULE_AGE_NO_DAY`).
   */
  ageOn?: string;
}

/** `ageOn` when it is a day of the calendar; anything else is refused. */
function ageOnOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!day || day.toISOString().slice(0, 10) !== value) throw new FimError('AGE_ON_INVALID', `ageOn "${value}" is not a day written YYYY-MM-DD`);
  return value;
}

/** The default `maxBytes`: 10 MiB, about 60 times the size of a large real Stammdatenschema. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const MAX_DEPTH = 200;

type Schema = Record<string, unknown>;

/**
 * Turns an XDatenfelder 2.0 or 3.0.0 document (a Stammdatenschema, Datenfeldgruppe or Datenfeld) into a
 * civicflow program definition with one form and German texts, and reports what it could not carry over.
 *
 * The result is a definition, not a checked program: pass it to `loadProgram` from `@civicflow/core`.
 *
 * @throws FimError for a document that is too large, not well-formed, not XDatenfelder, or whose structure
 *   contains itself, and for a code list that is not genericode.
 */
export function importFim(xml: string | Uint8Array, options: ImportFimOptions = {}): { program: Schema; report: ImportReport } {
  const limits = { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, maxDepth: MAX_DEPTH };
  const document = readXdf(parseXml(xml, limits));
  const lists = (options.codelists ?? []).map((c) => readGenericode(parseXml(c, limits)));
  const skipped: CodeListSkip[] = [];
  for (const file of options.codelistFiles ?? []) {
    const list = readCodeListFile(file.content, limits);
    if ('reason' in list) skipped.push({ name: file.name, ...list });
    else lists.push(list);
  }
  const formId = options.formId ?? 'antrag';
  const lookup = new CodeListIndex(lists);
  const builder = new ProgramBuilder(formId, lookup);
  const root = builder.object(document, [], false);
  const pages = builder.pages(document, root.layout);
  const schema: Schema = { type: 'object', additionalProperties: false, 'x-fim-id': document.id, 'x-fim-version': document.version, properties: root.properties, required: root.required };
  const rules = applyRules(document, builder.placed, { root: schema, pages, texts: builder.texts, formId, ageOn: ageOnOption(options.ageOn) }, builder.warnings);
  const applied = rules.filter((r) => r.status === 'applied').length;
  const texts = builder.texts;
  texts[`forms.${formId}.title`] = document.label;
  const program: Schema = {
    id: `fim-${document.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63),
    version: semver(document.version),
    locales: ['de'],
    title: { de: document.label },
    description: { de: `FIM ${document.message === 'stammdatenschema' ? 'Stammdatenschema' : document.message === 'datenfeldgruppe' ? 'Datenfeldgruppe' : 'Datenfeld'} ${document.id} Version ${document.version} (XDatenfelder ${document.standard})` },
    forms: { [formId]: { schema, ui: { pages } } },
    texts: { de: texts },
  };
  const report: ImportReport = {
    standard: document.standard,
    fimId: document.id,
    fimVersion: document.version,
    fields: builder.placed.filter((p) => p.element.kind === 'field').length,
    groups: builder.placed.filter((p) => p.element.kind === 'group').length,
    warnings: builder.warnings,
    rules,
    ruleSummary: { applied, total: rules.length, share: rules.length === 0 ? null : applied / rules.length },
    codeLists: { resolved: [...lookup.resolved], unresolved: [...lookup.unresolved], skipped },
  };
  return { program, report };
}

/**
 * The code lists supplied, found the way XDatenfelder references them: by canonical version URI, else by
 * canonical URI and version; a list of the same URI in another version is used when no exact one was given
 * (the field then warns). Remembers which references were matched and which were not.
 */
class CodeListIndex implements CodeListLookup {
  readonly resolved = new Set<string>();
  readonly unresolved = new Set<string>();

  constructor(private readonly lists: readonly CodeList[]) {}

  find(ref: FimCodeListRef): { list: CodeList; other?: true } | undefined {
    const name = ref.versionUri || (ref.version ? `${ref.urn} (version ${ref.version})` : ref.urn);
    const exact =
      (ref.versionUri ? this.lists.find((l) => l.versionUri === ref.versionUri) : undefined) ??
      this.lists.find((l) => l.urn === ref.urn && (ref.version === '' || l.version === ref.version || (!ref.versionUri && l.versionUri === '')));
    if (exact) {
      this.resolved.add(name);
      return { list: exact };
    }
    const other = this.lists.filter((l) => l.urn === ref.urn).sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
    if (other) {
      this.resolved.add(name);
      return { list: other, other: true };
    }
    this.unresolved.add(name);
    return undefined;
  }
}

/** A genericode code list from a file as it lay in a folder, or why the file is not one. */
function readCodeListFile(content: string | Uint8Array, limits: { maxBytes: number; maxDepth: number }): CodeList | Omit<CodeListSkip, 'name'> {
  const bytes = byteLength(content);
  if (bytes > limits.maxBytes) return { code: 'TOO_LARGE', reason: `it is larger than ${limits.maxBytes} bytes` };
  let root;
  try {
    root = parseXml(content, limits);
  } catch (e) {
    if (e instanceof FimError) return { code: 'NOT_XML', reason: e.code === 'XML_MALFORMED' ? 'it is not XML' : `it cannot be read as XML (${e.code})` };
    throw e;
  }
  if (root.name.startsWith('xdatenfelder.')) return { code: 'XDATENFELDER', reason: 'it is an XDatenfelder document, not a code list' };
  try {
    return readGenericode(root);
  } catch (e) {
    if (e instanceof FimError) return { code: 'NOT_GENERICODE', reason: `it is not a genericode code list (<${root.name}>)` };
    throw e;
  }
}

/** FIM versions are `1.0` or `1.2.0`; a program needs MAJOR.MINOR.PATCH. */
function semver(version: string): string {
  const parts = version.split('.').map((p) => String(Number.parseInt(p, 10)));
  if (parts.length === 0 || parts.some((p) => p === 'NaN')) return '1.0.0';
  while (parts.length < 3) parts.push('0');
  return parts.slice(0, 3).join('.');
}

class ProgramBuilder {
  readonly texts: Record<string, string> = {};
  readonly warnings: ImportWarning[] = [];
  /** Every field and group with its property path, for rules. */
  readonly placed: Placed[] = [];

  constructor(
    private readonly formId: string,
    private readonly codeLists: CodeListLookup,
  ) {}

  private key(path: readonly string[], suffix: string): string {
    return `forms.${this.formId}.fields.${path.join('.')}.${suffix}`;
  }

  /** The object schema and layout of a group's members; `path` is the text path (list positions skipped). */
  object(group: FimGroup, path: readonly string[], inList: boolean): { properties: Record<string, Schema>; required: string[]; layout: LayoutEntry[] } {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    const layout: LayoutEntry[] = [];
    let pendingStatic: string[] = [];
    let lastPath: readonly string[] | undefined;
    for (const member of group.members) {
      const element = member.element;
      if (element.kind === 'field' && element.feldart === 'label') {
        const text = element.content || element.help || element.label;
        pendingStatic.push(text);
        this.warnings.push(createWarning('LABEL_AS_HELP', element.id, { label: element.label }));
        continue;
      }
      const name = propertyName(element.label, new Set(Object.keys(properties)), element.id);
      const own = [...path, name];
      const mapped = this.member(member, own, inList);
      properties[name] = mapped.schema;
      if (member.min >= 1) required.push(name);
      layout.push(mapped.layout);
      if (pendingStatic.length > 0) {
        this.addHelp(own, pendingStatic.join('\n\n'), true);
        pendingStatic = [];
      }
      lastPath = own;
    }
    if (pendingStatic.length > 0) {
      const target = lastPath ?? (path.length > 0 ? path : undefined);
      if (target) this.addHelp(target, pendingStatic.join('\n\n'), false);
    }
    return { properties, required, layout };
  }

  private addHelp(path: readonly string[], text: string, before: boolean): void {
    const key = this.key(path, 'help');
    const current = this.texts[key];
    this.texts[key] = current ? (before ? `${text}\n\n${current}` : `${current}\n\n${text}`) : text;
  }

  private member(member: FimMember, path: readonly string[], inList: boolean): { schema: Schema; layout: LayoutEntry } {
    const element = member.element;
    const name = path[path.length - 1]!;
    const repeated = member.max > 1;
    const counts: Schema = { ...(member.min > 0 ? { minItems: member.min } : {}), ...(Number.isFinite(member.max) ? { maxItems: member.max } : {}) };
    this.texts[this.key(path, 'label')] = element.label;
    if (element.help) this.addHelp(path, element.help, false);
    const entry: LayoutEntry = { field: name };
    const placed: Placed = { element, path, inList, repeated, entry };
    this.placed.push(placed);
    if (element.kind === 'group') {
      const inner = this.object(element, path, inList || repeated);
      const objectSchema: Schema = { type: 'object', additionalProperties: false, 'x-fim-id': element.id, properties: inner.properties, required: inner.required };
      if (inner.layout.length > 0) entry.fields = inner.layout;
      placed.schema = repeated ? { type: 'array', 'x-fim-id': element.id, items: objectSchema, ...counts } : objectSchema;
      return { schema: placed.schema, layout: entry };
    }
    const mapped = mapField(element, this.codeLists, this.warnings);
    if (mapped.widget) entry.widget = mapped.widget;
    if (mapped.options && !(repeated && element.datentyp !== 'bool')) {
      for (const [value, label] of mapped.options) this.texts[this.key(path, `options.${value}`)] = label;
    }
    if (!repeated) {
      placed.schema = mapped.schema;
      placed.options = mapped.options;
      return { schema: mapped.schema, layout: entry };
    }
    if (mapped.options && element.datentyp !== 'bool') {
      // A choice that may be made several times is a set of checkboxes.
      const { 'x-fim-id': _id, ...items } = mapped.schema;
      placed.schema = { type: 'array', 'x-fim-id': element.id, uniqueItems: true, items, ...counts };
      placed.options = mapped.options;
      return { schema: placed.schema, layout: entry };
    }
    // A repeated value is a repeatable group with one field, since the widget repeats groups, not values. Its
    // inner property carries the same FIM id, which is how the FIT-Connect export unwraps it again.
    const innerPath = [...path, 'wert'];
    this.texts[this.key(innerPath, 'label')] = element.label;
    if (mapped.options) for (const [value, label] of mapped.options) this.texts[this.key(innerPath, `options.${value}`)] = label;
    entry.fields = [{ field: 'wert', ...(mapped.widget ? { widget: mapped.widget } : {}) }];
    delete entry.widget;
    placed.schema = {
      type: 'array',
      'x-fim-id': element.id,
      items: { type: 'object', additionalProperties: false, properties: { wert: mapped.schema }, required: ['wert'] },
      ...counts,
    };
    return { schema: placed.schema, layout: entry };
  }

  /** One page per top-level group; runs of top-level fields share a page. */
  pages(document: FimDocument, layout: readonly LayoutEntry[]): { id: string; fields: LayoutEntry[] }[] {
    const pages: { id: string; fields: LayoutEntry[] }[] = [];
    const taken = new Set<string>();
    const topLevel = this.placed.filter((p) => p.path.length === 1);
    let run: { id: string; fields: LayoutEntry[] } | undefined;
    for (const entry of layout) {
      const placed = topLevel.find((p) => p.entry === entry)!;
      if (placed.element.kind === 'group') {
        run = undefined;
        const id = propertyName(placed.element.label, taken, 'seite');
        taken.add(id);
        pages.push({ id, fields: [entry] });
        this.texts[`forms.${this.formId}.pages.${id}.title`] = placed.element.label;
      } else {
        if (!run) {
          const id = propertyName('Angaben', taken, 'seite');
          taken.add(id);
          run = { id, fields: [] };
          pages.push(run);
          this.texts[`forms.${this.formId}.pages.${id}.title`] = document.label;
        }
        run.fields.push(entry);
      }
    }
    return pages;
  }
}
