/** Escapes one JSON Pointer reference token (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  const s = String(token);
  if (s.indexOf('~') === -1 && s.indexOf('/') === -1) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one JSON Pointer reference token (RFC 6901): `~1` is `/`, then `~0` is `~`. */
export function unescapePointerToken(token: string): string {
  if (token.indexOf('~') === -1) return token;
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a JSON Pointer from reference tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const t of tokens) out += '/' + escapePointerToken(t);
  return out;
}

/** Splits a JSON Pointer into its unescaped reference tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map(unescapePointerToken);
}

/** The dotted field path of a data pointer, without array indices: `/household/0/name` → `household.name`. */
export function pointerToFieldPath(pointer: string): string {
  return parsePointer(pointer)
    .filter((t) => !/^(0|[1-9][0-9]*)$/.test(t))
    .join('.');
}

/**
 * The most errors a validation lists: `validate`, `validateWith`, the server's answers and `<cf-form>`'s summary
 * all stop here and say how many more there were (`ValidationResult.moreErrors`). A person acts on a handful of
 * errors at a time, and every example form fits below it even when sent empty; what lies beyond it is hostile
 * or broken data, whose errors are counted but get no message.
 */
export const maxErrors = 100;

/** Whether `pointer` equals one of `roots` or lies below it. */
export function isUnderAny(pointer: string, roots: readonly string[]): boolean {
  for (const r of roots) {
    if (pointer.startsWith(r) && (pointer.length === r.length || pointer.charCodeAt(r.length) === 47 /* '/' */)) return true;
  }
  return false;
}
