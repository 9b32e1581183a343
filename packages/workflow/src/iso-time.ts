const two = (n: number) => (n < 10 ? '0' : '') + n;

/**
 * `date.toISOString()`, written out from the date's UTC fields: the same text at less than half the cost of the
 * built-in, which took a twentieth of applying an event. Years outside 0–9999 (and invalid dates, which throw) are
 * left to the built-in.
 */
export function isoTime(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return (
    year + '-' + two(date.getUTCMonth() + 1) + '-' + two(date.getUTCDate()) + 'T' + two(date.getUTCHours()) + ':' + two(date.getUTCMinutes()) + ':' + two(date.getUTCSeconds()) + '.' + (ms < 100 ? (ms < 10 ? '00' : '0') : '') + ms + 'Z'
  );
}
