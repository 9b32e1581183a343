import type { ProgramCheck } from './context.js';
import { checkSubschemas, compileProblem } from './check-subschemas.js';
import { listFormFields } from '../../runtime/form-fields.js';
import type { JsonSchema } from '../../model/json-schema.js';
import { derivedPlan } from '../derived-fields.js';
import { checkDataRefs } from './check-data-refs.js';

/** Every form schema is an object schema that Ajv compiles, with safe patterns and valid property names. */
export const checkForms: ProgramCheck = (ctx) => {
  for (const [formId, form] of Object.entries(ctx.definition.forms)) {
    const at = `/forms/${formId}/schema`;
    const schema = form.schema as Record<string, unknown> | boolean;
    if (typeof schema !== 'object' || (schema['type'] !== 'object' && !('properties' in schema)) || !schema['properties']) {
      ctx.report('FORM_ROOT_NOT_OBJECT', at, { form: formId });
      continue;
    }
    if (!checkSubschemas(ctx, schema, at, true) || !checkDataRefs(ctx, schema as JsonSchema, at)) continue;
    const problem = compileProblem(schema);
    if (problem) ctx.report('FORM_SCHEMA_INVALID', at, { detail: problem });
    // A form has a fixed set of fields to lay out, label and send: a group that contains itself has none.
    for (const f of listFormFields(schema as JsonSchema)) {
      if (f.recursive) ctx.report('FORM_SCHEMA_RECURSIVE', `${at}${f.schemaPointer}`, { form: formId, field: f.path });
    }
    for (const p of derivedPlan(form).problems) ctx.report(p.code, `${at}${p.pointer}`, { form: formId, ...p.params });
  }
};
