// The programs imported from FIM files (by scripts/browser-fixtures.mjs with importFim, checked with
// loadProgram) rendered by <cf-form>: every property of every form has its control with its label on some
// page (or none, when its widget is hidden), axe-core finds nothing, an empty page shows its errors, and a
// full submission goes through to cf-submit unchanged. The project's own fixtures always run; the real files
// of ../shared/fim run when the fixtures script found them, and are skipped by name otherwise.
import { expect } from '@esm-bundle/chai';
import { fromValidatorsModule, validateWith, type ValidatorsModule } from '@civicflow/core/runtime';
import { $$, loadModule, mountForm, primary, settle, text } from '../test-support/fixtures.js';
import type { CfForm } from './form.js';
import { axeViolations } from '@civicflow/test-support/browser';

type Schema = Record<string, unknown>;
interface Expected {
  path: string;
  label: string;
  kind: 'field' | 'group' | 'list';
  hidden?: true;
}
interface FimFixture {
  file: string;
  fields: number;
  groups: number;
  forms: Record<string, Expected[]>;
}
interface Definition {
  forms: Record<string, { schema: Schema; ui?: { pages?: { fields: { field: string }[] }[] } }>;
}

/** The FIM programs scripts/browser-fixtures.mjs built, and those it skipped with the reason. */
interface FimPrograms {
  built: string[];
  skipped: { name: string; reason: string }[];
}

/** Imported from the project's own fixtures (packages/fim/src/test-support/fixtures): always there. */
const ownPrograms = ['fim-vereinszuschuss', 'fim-vereinsfest'];
/** Imported from the real files of ../shared/fim: there only when that folder is. */
const sharedPrograms = ['fim-blaue-karte', 'fim-simple'];

const listed = await fetch('/.cache/browser/fim-programs.json');
const fimPrograms: FimPrograms = listed.ok ? ((await listed.json()) as FimPrograms) : { built: [], skipped: [] };

/**
 * Full data less what an "entweder … oder" rule refuses: of the values it refuses side by side (`false` in the
 * schema), the first one whose keeping leaves the data valid stays.
 */
function keepOneOfEach(mod: ValidatorsModule, formId: string, data: Record<string, unknown>): Record<string, unknown> {
  const compiled = fromValidatorsModule(mod);
  const refused = validateWith(compiled, formId, data).errors.filter((e) => e.code === 'falseSchema').map((e) => e.pointer);
  const without = (pointers: string[]) => {
    const copy = structuredClone(data);
    for (const pointer of pointers) {
      const parts = pointer.split('/').slice(1);
      let at = copy;
      for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
      delete at[parts[parts.length - 1]!];
    }
    return copy;
  };
  for (const kept of refused) {
    const candidate = without(refused.filter((p) => p !== kept));
    if (validateWith(compiled, formId, candidate).valid) return candidate;
  }
  return data;
}

async function violations(form: CfForm, where: string): Promise<string[]> {
  await settle(form);
  return axeViolations(form, where);
}

async function loadFixture(name: string): Promise<FimFixture> {
  const response = await fetch(`/.cache/browser/${name}.fim.json`);
  if (!response.ok) throw new Error(`no .cache/browser/${name}.fim.json: did scripts/browser-fixtures.mjs run?`);
  return (await response.json()) as FimFixture;
}

/**
 * Data that fills every property of a schema: every optional property too, one entry in every list (or its
 * minimum), and "yes" for every yes/no question so that the fields shown only after a "yes" appear.
 */
function fullData(schema: Schema): unknown {
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).includes(true) ? true : (schema['enum'] as unknown[])[0];
  switch (schema['type']) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries((schema['properties'] ?? {}) as Record<string, Schema>)) out[k] = fullData(p);
      return out;
    }
    case 'array': {
      const n = Math.max(1, (schema['minItems'] as number | undefined) ?? 0);
      return Array.from({ length: n }, (_, i) => {
        const item = fullData(schema['items'] as Schema);
        return typeof item === 'string' ? `${item}${'B'.repeat(i)}` : item;
      });
    }
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return (schema['minimum'] as number | undefined) ?? 1;
    default: {
      if (schema['format'] === 'date') return '2024-05-01';
      if (schema['format'] === 'date-time') return '2024-05-01T10:00:00Z';
      if (schema['contentEncoding'] === 'base64') return 'JVBERi0xLjQK';
      const min = (schema['minLength'] as number | undefined) ?? 1;
      const letters = 'Ä'.repeat(Math.max(1, Math.min(min, 3))) + 'a'.repeat(Math.max(0, min - 3));
      // A pattern cannot in general be inverted: a time of day or five digits are the fixtures' other patterns.
      const pattern = typeof schema['pattern'] === 'string' ? new RegExp(schema['pattern'], 'u') : undefined;
      return [letters, '09:30', '01234'].find((s) => !pattern || pattern.test(s)) ?? letters;
    }
  }
}

/** The JSON pointer of a dotted path in `data`, with `/0` after every list (the first entry is the one checked). */
function pointerOf(path: string, lists: ReadonlySet<string>): string {
  const parts = path.split('.');
  let pointer = '';
  for (let i = 0; i < parts.length; i++) {
    pointer += `/${parts[i]}`;
    if (i < parts.length - 1 && lists.has(parts.slice(0, i + 1).join('.'))) pointer += '/0';
  }
  return pointer;
}

/** A label with its control: the problem with the rendered field at `pointer`, or undefined when it is all there. */
function labelledControl(form: CfForm, e: Expected, pointer: string): string | undefined {
  const root = form.shadowRoot!;
  const id = `cf${pointer.replace(/\//g, '-')}`;
  if (e.kind !== 'field') {
    const fieldset = root.getElementById(id);
    if (fieldset?.tagName !== 'FIELDSET') return `${pointer}: no fieldset`;
    const legend = fieldset.querySelector(':scope > legend');
    return text(legend) === e.label ? undefined : `${pointer}: legend "${text(legend)}", not "${e.label}"`;
  }
  const field = $$<HTMLElement & { pointer: string }>(form, 'cf-field').find((f) => f.pointer === pointer);
  if (!field) return `${pointer}: no cf-field`;
  const control = root.getElementById(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!control || !['INPUT', 'SELECT', 'TEXTAREA'].includes(control.tagName)) return `${pointer}: no control #${id}`;
  const named = [...(control.labels ?? [])].map(text);
  const legend = control.closest('fieldset')?.querySelector(':scope > legend');
  if (control.type === 'radio' || control.type === 'checkbox') named.push(text(legend));
  return named.some((n) => n === e.label || n.startsWith(`${e.label} `)) ? undefined : `${pointer}: control named ${JSON.stringify(named)}, not "${e.label}"`;
}

/** The labels of the fields of the first page that must be filled when nothing is. */
function requiredOnFirstPage(def: Definition, formId: string): string[] {
  const form = def.forms[formId]!;
  const onPage = new Set((form.ui?.pages?.[0]?.fields ?? []).map((f) => f.field));
  const out: string[] = [];
  const walk = (schema: Schema, prefix: string) => {
    const props = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const name of (schema['required'] ?? []) as string[]) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (!prefix && !onPage.has(name)) continue;
      if (props[name]!['type'] === 'object') walk(props[name]!, path);
      else out.push(path);
    }
  };
  walk(form.schema, '');
  return out;
}

describe('cf-form with programs imported from FIM files', function () {
  this.timeout(180_000);
  afterEach(() => localStorage.clear());

  for (const { name, reason } of fimPrograms.skipped.filter((s) => sharedPrograms.includes(s.name))) {
    describe.skip(`${name} (skipped: ${reason})`, () => {
      it('shows every property of every form with its label, axe-clean on every page and the review, and sends full data');
      it('lists the required fields of the first page for an empty submit, axe-clean');
    });
  }

  for (const name of [...ownPrograms, ...sharedPrograms.filter((p) => !fimPrograms.skipped.some((s) => s.name === p))]) {
    describe(name, () => {
      let mod: ValidatorsModule;
      let fixture: FimFixture;
      before(async () => {
        fixture = await loadFixture(name);
        mod = await loadModule(name);
      });

      it('shows every property of every form with its label, axe-clean on every page and the review, and sends full data', async () => {
        const def = mod.definition as Definition;
        expect(Object.keys(fixture.forms)).to.deep.equal(Object.keys(def.forms));
        for (const [formId, expected] of Object.entries(fixture.forms)) {
          const where = `${name} (${fixture.file}) ${formId}`;
          expect(expected.filter((e) => e.kind === 'field'), `${where}: one field per FIM field of the report`).to.have.length(fixture.fields);
          const lists = new Set(expected.filter((e) => e.kind === 'list').map((e) => e.path));
          const data = keepOneOfEach(mod, formId, fullData(def.forms[formId]!.schema) as Record<string, unknown>);
          const found: string[] = [];
          const seen = new Set<string>();
          const sent: unknown[] = [];
          const form = await mountForm(mod, { form: formId, locale: 'de' });
          try {
            form.addEventListener('cf-submit', (e) => {
              e.preventDefault();
              sent.push(e.detail.data);
            });
            form.value = structuredClone(data);
            await settle(form);
            let pages = 0;
            for (; pages < 40 && !form.shadowRoot!.querySelector('cf-review'); pages++) {
              const title = text(form.shadowRoot!.querySelector('#cf-page-title'));
              for (const e of expected) {
                const pointer = pointerOf(e.path, lists);
                const rendered = form.shadowRoot!.getElementById(`cf${pointer.replace(/\//g, '-')}`);
                if (e.hidden) {
                  if (rendered) found.push(`${where}, page "${title}": ${pointer} is hidden in the layout, yet shown`);
                  continue;
                }
                if (seen.has(pointer) || !rendered) continue;
                const problem = labelledControl(form, e, pointer);
                if (problem) found.push(`${where}, page "${title}": ${problem}`);
                seen.add(pointer);
              }
              found.push(...(await violations(form, `${where}, page "${title}"`)));
              await primary(form);
              expect($$(form, 'cf-error-summary a').map(text), `${where}: the full data is valid on page "${title}"`).to.deep.equal([]);
            }
            expect(form.shadowRoot!.querySelector('cf-review'), `${where}: reaches the review`).to.not.equal(null);
            expect(pages, `${where}: pages walked`).to.equal(def.forms[formId]!.ui?.pages?.length ?? 1);
            for (const e of expected) if (!e.hidden && !seen.has(pointerOf(e.path, lists))) found.push(`${where}: ${e.path} ("${e.label}") is on no page`);
            found.push(...(await violations(form, `${where}, review`)));
            await primary(form);
            expect(sent, `${where}: sent once`).to.have.length(1);
            expect(sent[0], `${where}: the data sent is the data filled in`).to.deep.equal(data);
          } finally {
            form.remove();
          }
          expect(found).to.deep.equal([]);
        }
      });

      it('lists the required fields of the first page for an empty submit, axe-clean', async () => {
        const def = mod.definition as Definition;
        for (const formId of Object.keys(def.forms)) {
          const where = `${name} ${formId}`;
          const labels = new Map(fixture.forms[formId]!.map((e) => [e.path, e.label]));
          const required = requiredOnFirstPage(def, formId).map((p) => labels.get(p)!);
          const form = await mountForm(mod, { form: formId, locale: 'de' });
          try {
            await primary(form);
            const summary = $$(form, 'cf-error-summary a').map(text);
            expect(summary.map((s) => s.slice(0, s.indexOf(': '))), `${where}: the error summary`).to.have.members(required);
            expect(await violations(form, `${where} errors`)).to.deep.equal([]);
          } finally {
            form.remove();
          }
        }
      });
    });
  }
});
