const umlauts: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * A property name from a German label: ASCII camelCase (`Straße und Hausnummer` → `strasseUndHausnummer`),
 * at most 40 characters, starting with a letter, unique among `taken` and never a name every object
 * inherits (`constructor`, `toString`).
 */
export function propertyName(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const ascii = label
    .replace(/[äöüÄÖÜß]/g, (c) => umlauts[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const words = ascii.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  let name = '';
  for (const [i, word] of words.entries()) {
    const part = i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1);
    if (name !== '' && name.length + part.length > 40) break;
    name += part;
  }
  name = name.slice(0, 40);
  if (!/^[A-Za-z]/.test(name)) name = fallback.toLowerCase() + (name ? '_' + name : '');
  const base = name;
  for (let n = 2; taken.has(name) || name in Object.prototype; n++) name = `${base}_${n}`;
  return name;
}
