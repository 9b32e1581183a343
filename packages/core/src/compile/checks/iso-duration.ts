// Years, months, weeks, days and time parts, as people write retention periods and deadlines; at least one part,
// and a `T` only before a time part.
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** Whether a string is an ISO 8601 duration of the kind a definition may hold (`P6M`, `P2W`, `PT12H`). */
export function isIsoDuration(value: string): boolean {
  return ISO_DURATION.test(value);
}
