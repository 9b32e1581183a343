/** A JSON Schema (draft 2020-12) as a plain value: an object or a boolean. */
export type JsonSchema = boolean | { [keyword: string]: unknown };
