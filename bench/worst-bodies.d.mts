// The types of worst-bodies.mjs, for the server's test that sends the same bodies.

/** The two worst intake bodies within the limits, by row name. */
export function worstBodies(limits?: { maxBytes?: number; maxValues?: number }): Record<string, Record<string, unknown>>;
