/** Freezes a JSON value and everything in it, stopping at parts that are frozen already (shared with an older case). */
export function freezeNew<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) freezeNew(value[i]);
    else for (const key of Object.keys(value)) freezeNew((value as Record<string, unknown>)[key]);
  }
  return value;
}
