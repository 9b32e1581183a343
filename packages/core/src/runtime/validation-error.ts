/** One problem with submitted data, in the same shape in the browser, on the server and in the API. */
export interface ValidationError {
  /** JSON Pointer of the field in the data (a missing required field points at that field itself). */
  pointer: string;
  /** Stable code: the JSON Schema keyword that failed (`required`, `minLength`, `format`, ...) or an input guard code (`forbiddenKey`, `tooDeep`, `tooLong`, `tooLarge`, `notJson`, `textNotStorable`, `notObject`). */
  code: string;
  /** The message in the requested locale: the program's own text for this field or code, else the built-in one. */
  message: string;
  /** Details such as `limit` or `format`. */
  params: Record<string, unknown>;
}

/** What `validate` returns. */
export interface ValidationResult<T = unknown> {
  valid: boolean;
  /** The data with hidden fields removed (the input itself when nothing was hidden); undefined when the input was not usable JSON data. */
  data: T | undefined;
  /** At most `maxErrors` errors, in the order found (the input guard's first, then the schema's). */
  errors: ValidationError[];
  /** How many more errors there were beyond `errors` (present only when there were more than `maxErrors`). */
  moreErrors?: number;
}

/** The subset of an Ajv error object that error mapping reads (Ajv and its standalone code both produce it). */
export interface RawError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
}
