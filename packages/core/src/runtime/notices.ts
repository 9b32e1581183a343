/** Keys of a notice's texts in the program's texts: its subject and plain text (required), and its HTML (optional). */
export const noticeTextKeys = {
  subject: (notice: string) => `notices.${notice}.subject`,
  text: (notice: string) => `notices.${notice}.text`,
  html: (notice: string) => `notices.${notice}.html`,
};

/** The placeholders every notice may use; `{data.<field>}` (a field of the case data) comes on top. */
export const noticePlaceholders = ['reference', 'statusLink', 'state', 'program'] as const;

export type NoticePlaceholder = (typeof noticePlaceholders)[number];

/** A placeholder in a notice's text: `{reference}`, `{data.contactPerson.name}`. */
export const NOTICE_PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\}/g;

/** The `data.` placeholders a text uses, as dotted field paths (`contactPerson.name`), and any other name it uses that is no placeholder. */
export function noticeFieldsOf(text: string): { fields: string[]; unknown: string[] } {
  const fields: string[] = [];
  const unknown: string[] = [];
  for (const m of text.matchAll(NOTICE_PLACEHOLDER)) {
    const name = m[1]!;
    if (name.startsWith('data.')) fields.push(name.slice(5));
    else if (!(noticePlaceholders as readonly string[]).includes(name)) unknown.push(name);
  }
  return { fields, unknown };
}
