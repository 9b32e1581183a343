/** Freezes a JSON value and everything in it, stopping at parts that are frozen already (shared with an older case). */
export function freezeNew<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeNew(v);
  }
  return value;
}
