import { durationWords, type ProgramChanges, type FieldShape } from '@civicflow/workflow';
import type { DeepReadonly, ProgramDefinition } from '@civicflow/core';
import { localeName, type DesignerLocale } from '../strings.js';

/** The changes of a draft in words, grouped as the designer lists them. Each group may be empty. */
export interface ChangeGroups {
  forms: string[];
  texts: string[];
  workflow: string[];
  other: string[];
}

type Def = DeepReadonly<ProgramDefinition>;

const WORDS = {
  de: {
    formAdded: 'Neues Formular „{form}“',
    formRemoved: 'Formular „{form}“ entfernt',
    formChanged: 'Aufbau des Formulars „{form}“ geändert (Seiten, Reihenfolge)',
    fieldAdded: '„{form}“: neues Feld „{field}“ ({type}{required})',
    fieldRemoved: '„{form}“: Feld „{field}“ entfernt',
    fieldChanged: '„{form}“: Feld „{field}“ — {what}',
    typeWas: 'Art jetzt {after} statt {before}',
    nowRequired: 'jetzt Pflicht',
    noLongerRequired: 'nicht mehr Pflicht',
    rules: 'Regeln geändert (Grenzen, Muster oder Optionen)',
    required: ', Pflicht',
    textAdded: '{language}: neuer Text „{after}“',
    textRemoved: '{language}: Text „{before}“ entfernt',
    textChanged: '{language}: „{before}“ → „{after}“',
    stateAdded: 'Neuer Status „{state}“',
    stateRemoved: 'Status „{state}“ entfernt',
    stateChanged: 'Status „{state}“ geändert (Übergänge oder Hinweise)',
    eventAdded: 'Neues Ereignis „{event}“',
    eventRemoved: 'Ereignis „{event}“ entfernt',
    eventChanged: 'Ereignis „{event}“ geändert (Formular, Rollen oder Übergänge)',
    timerAdded: '„{where}“: neue Frist nach {after}, dann „{event}“',
    timerRemoved: '„{where}“: Frist für „{event}“ entfernt',
    timerChanged: '„{where}“: Frist für „{event}“ jetzt nach {after} statt nach {before}',
    deadline: 'Frist {name}',
    partAdded: 'Neu: {part}',
    partRemoved: 'Entfernt: {part}',
    partChanged: 'Geändert: {part}',
    version: 'Version {before} → {after}',
    types: { string: 'Text', integer: 'ganze Zahl', number: 'Zahl', boolean: 'Ja/Nein', date: 'Datum', 'date-time': 'Zeitpunkt', email: 'E-Mail', choice: 'Auswahl', choices: 'Mehrfachauswahl', array: 'Liste', object: 'Gruppe' } as Record<string, string>,
    parts: { title: 'Titel', description: 'Beschreibung', locales: 'Sprachen', monitoring: 'Monitoring', versions: 'Versionen und Migration', periods: 'Zeiträume', workflow: 'Ablauf (Rollen, Start, Ergebnisse)' } as Record<string, string>,
  },
  en: {
    formAdded: 'New form “{form}”',
    formRemoved: 'Form “{form}” removed',
    formChanged: 'Layout of the form “{form}” changed (pages, order)',
    fieldAdded: '“{form}”: new field “{field}” ({type}{required})',
    fieldRemoved: '“{form}”: field “{field}” removed',
    fieldChanged: '“{form}”: field “{field}” — {what}',
    typeWas: 'kind now {after} instead of {before}',
    nowRequired: 'now required',
    noLongerRequired: 'no longer required',
    rules: 'rules changed (limits, pattern or options)',
    required: ', required',
    textAdded: '{language}: new text “{after}”',
    textRemoved: '{language}: text “{before}” removed',
    textChanged: '{language}: “{before}” → “{after}”',
    stateAdded: 'New state “{state}”',
    stateRemoved: 'State “{state}” removed',
    stateChanged: 'State “{state}” changed (transitions or notes)',
    eventAdded: 'New event “{event}”',
    eventRemoved: 'Event “{event}” removed',
    eventChanged: 'Event “{event}” changed (form, roles or transitions)',
    timerAdded: '“{where}”: new timer after {after}, then “{event}”',
    timerRemoved: '“{where}”: timer for “{event}” removed',
    timerChanged: '“{where}”: timer for “{event}” now after {after} instead of {before}',
    deadline: 'deadline {name}',
    partAdded: 'New: {part}',
    partRemoved: 'Removed: {part}',
    partChanged: 'Changed: {part}',
    version: 'Version {before} → {after}',
    types: { string: 'text', integer: 'whole number', number: 'number', boolean: 'yes/no', date: 'date', 'date-time': 'moment', email: 'email', choice: 'choice', choices: 'multiple choice', array: 'list', object: 'group' } as Record<string, string>,
    parts: { title: 'title', description: 'description', locales: 'languages', monitoring: 'monitoring', versions: 'versions and migration', periods: 'periods', workflow: 'workflow (roles, opening, outcomes)' } as Record<string, string>,
  },
} as const;

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** The longest a quoted text runs before it is cut with “…”: the list is a summary, the texts view has the whole. */
const QUOTE = 80;
const quote = (text: string | undefined) => {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t.length > QUOTE ? `${t.slice(0, QUOTE - 1)}…` : t;
};

/**
 * The draft's changes (`programChanges` of the live version and the draft) as sentences in the designer's language,
 * grouped into forms, texts, workflow and other parts. Forms, fields, states and events are named by their text in
 * that language (the draft's, else the live version's), by their name where they have none.
 */
export function changeWords(changes: ProgramChanges, before: Def, after: Def, locale: DesignerLocale): ChangeGroups {
  const w = WORDS[locale];
  const text = (key: string) => {
    for (const def of [after, before]) {
      const t = (def.texts?.[locale] ?? def.texts?.[def.locales?.[0] ?? ''] ?? {}) as Record<string, string>;
      if (typeof t[key] === 'string' && t[key].trim() !== '') return t[key];
    }
    return undefined;
  };
  const formName = (form: string) => text(`forms.${form}.title`) ?? form;
  const fieldName = (form: string, field: string) => text(`forms.${form}.fields.${field.replace(/\[\]/g, '')}.label`) ?? field.replace(/\[\]/g, '');
  const stateName = (state: string) => text(`workflow.states.${state}.title`) ?? state;
  const eventName = (event: string) => text(`workflow.events.${event}.title`) ?? event;
  const typeName = (shape: FieldShape | undefined) => (shape ? (w.types[shape.type] ?? shape.type) : '');
  const duration = (d: string | undefined) => (d === undefined ? '' : (durationWords(d, locale) ?? d));
  // The designer's names of languages: Leichte Sprache (`de-x-ls`) too, which the browser's tables refuse.
  const languages = (code: string) => localeName(code, locale);

  const forms: string[] = [];
  for (const f of changes.forms) forms.push(fill(f.kind === 'added' ? w.formAdded : f.kind === 'removed' ? w.formRemoved : w.formChanged, { form: formName(f.form) }));
  const addedForms = new Set(changes.forms.filter((f) => f.kind !== 'changed').map((f) => f.form));
  for (const f of changes.fields) {
    // The fields of a form added or removed as a whole come with it.
    if (addedForms.has(f.form)) continue;
    const names = { form: formName(f.form), field: fieldName(f.form, f.field) };
    if (f.kind === 'added') forms.push(fill(w.fieldAdded, { ...names, type: typeName(f.after), required: f.after?.required ? w.required : '' }));
    else if (f.kind === 'removed') forms.push(fill(w.fieldRemoved, names));
    else {
      const what = (f.what ?? []).map((x) =>
        x === 'type' ? fill(w.typeWas, { before: typeName(f.before), after: typeName(f.after) }) : x === 'required' ? (f.after?.required ? w.nowRequired : w.noLongerRequired) : w.rules,
      );
      forms.push(fill(w.fieldChanged, { ...names, what: what.join(', ') }));
    }
  }

  const texts = changes.texts.map((t) =>
    fill(t.kind === 'added' ? w.textAdded : t.kind === 'removed' ? w.textRemoved : w.textChanged, { language: languages(t.locale), before: quote(t.before), after: quote(t.after) }),
  );

  const workflow: string[] = [];
  for (const s of changes.states) workflow.push(fill(s.kind === 'added' ? w.stateAdded : s.kind === 'removed' ? w.stateRemoved : w.stateChanged, { state: stateName(s.state) }));
  for (const e of changes.events) workflow.push(fill(e.kind === 'added' ? w.eventAdded : e.kind === 'removed' ? w.eventRemoved : w.eventChanged, { event: eventName(e.event) }));
  for (const t of changes.timers) {
    const where = t.state !== undefined ? stateName(t.state) : fill(w.deadline, { name: t.deadline ?? '' });
    workflow.push(fill(t.kind === 'added' ? w.timerAdded : t.kind === 'removed' ? w.timerRemoved : w.timerChanged, { where, event: eventName(t.send), before: duration(t.before), after: duration(t.after) }));
  }

  const other: string[] = [];
  if (changes.version.before !== changes.version.after) other.push(fill(w.version, changes.version));
  for (const p of changes.other) other.push(fill(p.kind === 'added' ? w.partAdded : p.kind === 'removed' ? w.partRemoved : w.partChanged, { part: w.parts[p.part] ?? p.part }));
  return { forms, texts, workflow, other };
}
