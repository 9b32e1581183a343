import type { ProgramCheck } from './context.js';
import { formLayout, type LaidOutField } from '../../runtime/layout.js';
import { checkSubschemas, compileProblem } from './check-subschemas.js';

/**
 * Pages and fields of every form's UI name real fields, once each; every field is on a page; a `memorable-date` is a
 * date; conditions compile.
 */
export const checkUi: ProgramCheck = (ctx) => {
  for (const [formId, form] of Object.entries(ctx.definition.forms)) {
    const base = `/forms/${formId}`;
    const layout = formLayout(form);
    const pageIds = new Set<string>();
    for (const page of layout.pages) {
      if (pageIds.has(page.id)) ctx.report('UI_PAGE_DUPLICATE', `${base}${page.pointer}/id`, { id: page.id });
      pageIds.add(page.id);
    }
    for (const u of layout.unknown) ctx.report('UI_FIELD_UNKNOWN', base + u.pointer, { field: u.path });
    const placedAt = new Map<string, string>();
    const visit = (f: LaidOutField) => {
      if (placedAt.has(f.path)) ctx.report('UI_FIELD_DUPLICATE', base + f.pointer, { field: f.path, first: base + placedAt.get(f.path) });
      else placedAt.set(f.path, f.pointer);
      const kind = layout.fieldsByPath.get(f.path)?.kind;
      if (f.children && kind === 'value') ctx.report('UI_CHILDREN_NOT_GROUP', `${base}${f.pointer}/fields`, { field: f.path });
      // Three boxes make an ISO date of what was typed; a field that holds anything else could never take it.
      if (f.widget === 'memorable-date' && layout.fieldsByPath.get(f.path)?.schema['format'] !== 'date') {
        ctx.report('UI_WIDGET_NOT_DATE', `${base}${f.pointer}/widget`, { field: f.path });
      }
      f.children?.forEach(visit);
    };
    for (const page of layout.pages) page.fields.forEach(visit);
    for (const path of layout.unplaced) {
      if (!path.includes('.') || !layout.unplaced.includes(path.slice(0, path.lastIndexOf('.')))) {
        ctx.report('UI_FIELD_MISSING', `${base}/ui/pages`, { field: path });
      }
    }
    for (const site of layout.conditions) {
      const at = base + site.pointer;
      if (!checkSubschemas(ctx, site.schema, at, false)) continue;
      const problem = compileProblem(site.schema);
      if (problem) ctx.report('CONDITION_INVALID', at, { detail: problem });
    }
  }
};
