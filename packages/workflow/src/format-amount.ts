/** An amount as people read it in the locale, with its currency when the sum names one (`20.000,00 €`, `€20,000.00`). */
export function formatAmount(amount: number, locale: string, currency?: string): string {
  const lang = locale.startsWith('de') ? 'de-DE' : 'en-GB';
  return new Intl.NumberFormat(lang, currency ? { style: 'currency', currency } : { maximumFractionDigits: 2 }).format(amount);
}
