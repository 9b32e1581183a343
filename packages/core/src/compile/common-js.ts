/**
 * What a CommonJS module of Ajv exports as `default` (`exports.default = …`). Node hands an ES import of such a
 * module its whole `exports`, whose `default` is wanted; vitest's loader already hands over that `default` itself.
 * Read either way, the keyword Ajv runs and the one the tests see are the same.
 */
export function commonJsDefault<T>(imported: unknown): T {
  const m = imported as { __esModule?: boolean; default?: T };
  return m.__esModule === true && m.default !== undefined ? m.default : (imported as T);
}
