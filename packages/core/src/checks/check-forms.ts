import type { ProgramCheck } from './context.js';
import { checkSubschemas, compileProblem } from './check-subschemas.js';

/** Every form schema is an object schema that Ajv compiles, with safe patterns and valid property names. */
export const checkForms: ProgramCheck = (ctx) => {
  for (const [formId, form] of Object.entries(ctx.definition.forms)) {
    const at = `/forms/${formId}/schema`;
    const schema = form.schema as Record<string, unknown> | boolean;
    if (typeof schema !== 'object' || (schema['type'] !== 'object' && !('properties' in schema)) || !schema['properties']) {
      ctx.report('FORM_ROOT_NOT_OBJECT', at, { form: formId });
      continue;
    }
    if (!checkSubschemas(ctx, schema, at, true)) continue;
    const problem = compileProblem(schema);
    if (problem) ctx.report('FORM_SCHEMA_INVALID', at, { detail: problem });
  }
};
