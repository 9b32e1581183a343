// The two worst intake bodies the server's default limits let through (1 MiB, 10,000 values; see
// packages/server/src/http/read-json-body.ts and its test bounded-work.test.ts), each value wrong: the most work one
// anonymous request can cause. core.bench.mjs validates them in this process, server.bench.mjs sends them.

/** The bodies by row name: one error per list item, and a list of unique items whose strings are all distinct. */
export function worstBodies() {
  const maxBytes = 1024 * 1024;
  // The object, its list and the items: every value counts.
  const items = 10_000 - 3;
  // As long as the strings can be for the body to stay within the bytes (101 characters).
  const width = Math.max(1, Math.floor((maxBytes - 100) / (items - 5)) - 3);
  // Padded with '-', which no number in base 36 holds: no two strings are equal.
  const needs = Array.from({ length: items - 5 }, (_, i) => i.toString(36).padStart(width, '-'));
  return {
    'worst body, 9,997 wrong list items': { household: Array(items).fill(1) },
    'worst body, 9,992 distinct strings in a list of unique items': { health: { needs } },
  };
}
