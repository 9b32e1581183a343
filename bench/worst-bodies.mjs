// The two worst intake bodies the server's limits let through (by default 1 MiB and 10,000 values; see
// packages/server/src/http/read-json-body.ts), each value wrong: the most work one anonymous request can cause.
// core.bench.mjs validates them in this process, server.bench.mjs sends them, and the server's test
// bounded-work.test.ts sends them to a real server process with its own limits.

/** The bodies by row name: one error per list item, and a list of unique items whose strings are all distinct. */
export function worstBodies({ maxBytes = 1024 * 1024, maxValues = 10_000 } = {}) {
  // The object, its list and the items: every value counts.
  const items = maxValues - 3;
  // As long as the strings can be for the body to stay within the bytes.
  const width = Math.max(1, Math.floor((maxBytes - 100) / (items - 5)) - 3);
  // Padded with '-', which no number in base 36 holds: no two strings are equal ('x' made "x" and "xx" the same).
  const needs = Array.from({ length: items - 5 }, (_, i) => i.toString(36).padStart(width, '-'));
  return {
    [`worst body, ${items.toLocaleString('en')} wrong list items`]: { household: Array(items).fill(1) },
    [`worst body, ${needs.length.toLocaleString('en')} distinct strings in a list of unique items`]: { health: { needs } },
  };
}
