/** Fills `{name}` placeholders from params; lists are joined with commas, unknown names stay as they are. */
export function fillMessage(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}
