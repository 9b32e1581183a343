/** A file size for people: "2.5 MB", "300 kB". */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, size] = bytes >= 1_000_000 ? ['megabyte', bytes / 1_000_000] : bytes >= 1_000 ? ['kilobyte', bytes / 1_000] : ['byte', bytes];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(size);
}
