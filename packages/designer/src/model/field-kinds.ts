/** The kinds of field the designer tells apart, after the controls `<cf-form>` shows for them. */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'integer'
  | 'number'
  | 'amount'
  | 'date'
  | 'email'
  | 'phone'
  | 'boolean'
  | 'consent'
  | 'choice'
  | 'choices'
  | 'file'
  | 'group'
  | 'list'
  | 'other';

/** The kinds a new field can be made of (choices, files, groups and lists come in a later step). */
export const addableKinds = ['text', 'textarea', 'integer', 'number', 'amount', 'date', 'email', 'phone', 'boolean', 'consent'] as const satisfies readonly FieldKind[];
export type AddableKind = (typeof addableKinds)[number];

type Schema = Record<string, unknown>;

/** The schema and the page entry's extras of a new field of a kind: texts get a `maxLength`, as authoring.md asks. */
export function newFieldSchema(kind: AddableKind): { schema: Schema; widget?: string; autocomplete?: string } {
  switch (kind) {
    case 'text':
      return { schema: { type: 'string', maxLength: 200 } };
    case 'textarea':
      return { schema: { type: 'string', maxLength: 2000 } };
    case 'integer':
      return { schema: { type: 'integer' } };
    case 'number':
      return { schema: { type: 'number' } };
    case 'amount':
      return { schema: { type: 'number', minimum: 0, multipleOf: 0.01 } };
    case 'date':
      return { schema: { type: 'string', format: 'date' } };
    case 'email':
      return { schema: { type: 'string', format: 'email', maxLength: 254 }, autocomplete: 'email' };
    case 'phone':
      return { schema: { type: 'string', maxLength: 30, pattern: '^\\+?[0-9 ()/-]{3,30}$' }, autocomplete: 'tel' };
    case 'boolean':
      return { schema: { type: 'boolean' } };
    case 'consent':
      return { schema: { type: 'boolean', const: true }, widget: 'consent' };
  }
}

const isObject = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The kind of a field, read from its schema and its page entry's `widget`. */
export function kindOf(schema: unknown, widget?: string): FieldKind {
  if (!isObject(schema)) return 'other';
  const type = schema.type;
  if (typeof schema.contentMediaType === 'string') return 'file';
  if (Array.isArray(schema.enum)) return 'choice';
  if (type === 'object' || isObject(schema.properties)) return 'group';
  if (type === 'array') {
    const items = schema.items;
    if (isObject(items) && (Array.isArray(items.enum) || items.anyOf !== undefined)) return 'choices';
    return isObject(items) && (items.type === 'object' || isObject(items.properties)) ? 'list' : 'other';
  }
  if (schema.const === true && type === undefined) return 'consent';
  if (type === 'boolean') return schema.const === true || widget === 'consent' ? 'consent' : 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return schema.multipleOf === 0.01 ? 'amount' : 'number';
  if (type === 'string') {
    if (schema.format === 'date') return 'date';
    if (schema.format === 'email') return 'email';
    if (widget === 'textarea' || (typeof schema.maxLength === 'number' && schema.maxLength > 200)) return 'textarea';
    return 'text';
  }
  return 'other';
}
