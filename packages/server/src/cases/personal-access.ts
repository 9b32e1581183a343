import { listFormFields, withoutPersonalData, type Program } from '@civicflow/core';
import type { Case } from '@civicflow/workflow';

/**
 * Whether a caseworker in these workflow roles sees personal data (the fields marked `x-personal-data`): in a case, in
 * a search by name and in an export. The workflow's `personalDataRoles` says who does; without it every role does.
 */
export function seesPersonalData(program: Program | undefined, roles: readonly string[]): boolean {
  const allowed = program?.definition.workflow?.personalDataRoles;
  return allowed === undefined || roles.some((r) => allowed.includes(r));
}

/** A case's data without the personal data of any of its program's forms (the forms share the case's data). */
export function withoutAnyPersonalData(program: Program, data: Case['data']): Case['data'] {
  let out = data;
  for (const formId of Object.keys(program.definition.forms)) out = withoutPersonalData(program, formId, out);
  return out;
}

const searchPaths = new WeakMap<Program, string[][]>();

/**
 * Where a search by name looks: the personal text fields of every form, outside lists (given and family names, places,
 * aliases), as paths into the case's data. Dates, choices and numbers are left out: a name is free text.
 */
export function nameSearchPaths(program: Program): readonly (readonly string[])[] {
  let paths = searchPaths.get(program);
  if (!paths) {
    const seen = new Set<string>();
    paths = [];
    for (const form of Object.values(program.definition.forms)) {
      for (const f of listFormFields(form.schema)) {
        const s = f.schema;
        const text = s['type'] === 'string' && s['format'] === undefined && s['enum'] === undefined && s['const'] === undefined && s['contentEncoding'] === undefined;
        if (f.kind !== 'value' || f.inList || !f.personal || !text || seen.has(f.path)) continue;
        seen.add(f.path);
        paths.push(f.path.split('.'));
      }
    }
    searchPaths.set(program, paths);
  }
  return paths;
}
