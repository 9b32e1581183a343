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

/** The kinds a new field can be made of: every kind the widget shows. */
export const addableKinds = ['text', 'textarea', 'integer', 'number', 'amount', 'date', 'email', 'phone', 'boolean', 'consent', 'choice', 'choices', 'file', 'group', 'list'] as const satisfies readonly FieldKind[];
export type AddableKind = (typeof addableKinds)[number];

type Schema = Record<string, unknown>;

/** The option values a new choice starts with (their labels are texts, to be replaced). */
export const firstOptions = ['option1', 'option2'] as const;
/** The key of the one field a new group or repeated group starts with. */
export const firstChild = 'text1';

/**
 * The schema and the page entry's extras of a new field of a kind: texts get a `maxLength`, as authoring.md asks;
 * choices start with two options, a file with PDF and 5 MB, a group and a repeated group with one text field.
 */
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
    case 'choice':
      return { schema: { enum: [...firstOptions] } };
    case 'choices':
      return { schema: { type: 'array', items: { enum: [...firstOptions] }, uniqueItems: true } };
    case 'file':
      return { schema: { type: 'string', contentMediaType: 'application/pdf', 'x-max-bytes': 5000000 } };
    case 'group':
      return { schema: { type: 'object', properties: { [firstChild]: { type: 'string', maxLength: 200 } } } };
    case 'list':
      return { schema: { type: 'array', items: { type: 'object', properties: { [firstChild]: { type: 'string', maxLength: 200 } } }, maxItems: 20 } };
  }
}

const isObject = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The kind of a field, read from its schema and its page entry's `widget` and `autocomplete`. */
export function kindOf(schema: unknown, widget?: string, autocomplete?: string): FieldKind {
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
    if (widget === 'tel' || autocomplete === 'tel') return 'phone';
    if (widget === 'textarea' || (typeof schema.maxLength === 'number' && schema.maxLength > 200)) return 'textarea';
    return 'text';
  }
  return 'other';
}
