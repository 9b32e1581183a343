// Test helper (Node only, never shipped): a version 1.1.0 of the casework program with a migration from 1.0.0 that
// renames a field and a state, requires a field the older version left optional, and shortens the state timer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadProgram, type Program } from '@civicflow/core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CASEWORK_FILE = path.join(here, 'casework-program.json');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The definition of casework 1.1.0: `phone` is `telephone`, the state `overdue` is `late`, the plan needs `hours`, a
 * received case is reminded after 7 days instead of 14, and `versions.migrations` says how cases of 1.0.0 move.
 */
export function caseworkNextDefinition(timers: 'keep' | 'recompute' | 'drop' = 'recompute', version = '1.1.0'): Json {
  const d = JSON.parse(readFileSync(CASEWORK_FILE, 'utf8')) as Json;
  d.version = version;
  const intake = d.forms.intake;
  intake.schema.properties.telephone = intake.schema.properties.phone;
  delete intake.schema.properties.phone;
  intake.ui.pages[0].fields = intake.ui.pages[0].fields.map((f: unknown) => (f === 'phone' ? 'telephone' : f));
  d.forms.plan.schema.required = ['goal', 'hours'];
  const states = d.workflow.states;
  states.late = states.overdue;
  delete states.overdue;
  states.received.on.REMIND.target = 'late';
  states.received.after[0].duration = 'P7D';
  for (const texts of Object.values(d.texts) as Record<string, string>[]) {
    texts['forms.intake.fields.telephone.label'] = texts['forms.intake.fields.phone.label']!;
    delete texts['forms.intake.fields.phone.label'];
    texts['workflow.states.late.title'] = texts['workflow.states.overdue.title']!;
    delete texts['workflow.states.overdue.title'];
  }
  d.versions = {
    migrations: [{ from: '1.0.0', states: { overdue: 'late' }, data: [{ op: 'move', from: 'phone', path: 'telephone' }], timers }],
  };
  return d;
}

export function loadCaseworkNext(timers: 'keep' | 'recompute' | 'drop' = 'recompute'): Program {
  return loadProgram(caseworkNextDefinition(timers));
}
