// DOM ids for form data by JSON Pointer. Reading and writing the data by pointer is core's runtime's
// (FormSession, with getAt and setAt beside it).

/** A DOM id for the control of the field at a pointer; property names are identifiers, so it cannot collide. */
export function idFor(pointer: string): string {
  return 'cf' + pointer.replace(/\//g, '-');
}
