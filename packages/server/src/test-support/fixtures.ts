// Test helpers (Node only, never shipped): the server's own program, casework-program.json beside this file,
// where a program with a small workflow makes a test clearer. The examples come from @civicflow/test-support.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadProgram, type Program } from '@civicflow/core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A small program with a workflow that has a state timer, a deadline, an outcome and two roles. */
export function loadCasework(): Program {
  return loadProgram(readFileSync(path.join(here, 'casework-program.json'), 'utf8'));
}

/** The casework program without its workflow (id `casework-plain`): it only collects submissions. */
export function loadPlainIntake(): Program {
  const json = JSON.parse(readFileSync(path.join(here, 'casework-program.json'), 'utf8'));
  delete json.workflow;
  json.id = 'casework-plain';
  for (const texts of Object.values(json.texts) as Record<string, string>[]) for (const key of Object.keys(texts)) if (key.startsWith('workflow.')) delete texts[key];
  return loadProgram(JSON.stringify(json));
}

/** Valid intake data for the casework program. */
export function caseworkIntake(name = 'Alex Beispiel'): Record<string, unknown> {
  return { name, phone: '0151 234567', housing: 'none', contactPoint: 'Tagesaufenthalt Mitte' };
}
