// Forms as many are written: strings without `maxLength`, so the schema does not bound what it holds ("not closed",
// see closed-schema.ts) and validation has to run the input guard. Tests make such forms from the examples.

type Schema = Record<string, unknown>;

/**
 * Takes `maxLength` off the strings of every form's schema (those `which` picks; all by default), in place, and
 * returns the definition.
 */
export function withoutMaxLength<D extends { forms: Record<string, { schema: unknown }> }>(definition: D, which: (string: Schema) => boolean = () => true): D {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    if ((node as Schema)['type'] === 'string' && which(node as Schema)) delete (node as Schema)['maxLength'];
    Object.values(node).forEach(visit);
  };
  for (const form of Object.values(definition.forms)) visit(form.schema);
  return definition;
}
