/**
 * What an applicant is told in each state of a workflow. The words are program texts, one key per part, in every
 * locale: `workflow.states.<state>.applicant.<part>`. docs/workflows.md describes them.
 */
export const applicantNoteParts = ['next', 'bring', 'contact', 'due'] as const;

/** One part of what the applicant is told: what happens next, what to bring, whom to contact, by when. */
export type ApplicantNotePart = (typeof applicantNoteParts)[number];

/** The text key of one part of what the applicant is told in a state. */
export const applicantNoteKey = (state: string, part: ApplicantNotePart) => `workflow.states.${state}.applicant.${part}`;

/** Where the due date goes in the text of the part `due`. */
export const DUE_DATE_PLACEHOLDER = '{date}';

/** What the applicant is told in one state, in one locale; each part as its lines, empty when the program says nothing. */
export interface ApplicantNotes {
  readonly next: readonly string[];
  readonly bring: readonly string[];
  readonly contact: readonly string[];
  /** The sentence about by when, with the date filled in; absent without a text or without a date. */
  readonly due?: string;
}

/** Lines of a text: a designer writes one item or paragraph per line; blank lines and edge spaces are left out. */
function linesOf(text: string | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/**
 * What the applicant is told in `state`: `text` looks a key up in the reader's locale, `dueDate` is the date of the
 * state's running timer (`workflow.states.<state>.applicant.due`), already written for the reader, if one runs.
 */
export function applicantNotes(text: (key: string) => string | undefined, state: string, dueDate?: string): ApplicantNotes {
  const due = text(applicantNoteKey(state, 'due'));
  return {
    next: linesOf(text(applicantNoteKey(state, 'next'))),
    bring: linesOf(text(applicantNoteKey(state, 'bring'))),
    contact: linesOf(text(applicantNoteKey(state, 'contact'))),
    ...(due && dueDate !== undefined ? { due: due.split(DUE_DATE_PLACEHOLDER).join(dueDate).trim() } : {}),
  };
}

/** Whether anything is told: a notes object with no line and no due sentence says nothing. */
export function hasApplicantNotes(notes: ApplicantNotes): boolean {
  return notes.next.length + notes.bring.length + notes.contact.length > 0 || notes.due !== undefined;
}

/**
 * The due time of the timer whose date the applicant is told in `state` (its `applicant.due` event), among the
 * case's running timers; the earliest if several send that event, undefined when none runs or the state names none.
 */
export function applicantDueAt(
  workflow: { readonly states: Readonly<Record<string, { readonly applicant?: { readonly due: string } }>> } | undefined,
  state: string,
  running: readonly { readonly event: string; readonly due: string }[],
): string | undefined {
  const event = workflow?.states[state]?.applicant?.due;
  if (event === undefined) return undefined;
  const dues = running.filter((t) => t.event === event).map((t) => t.due);
  return dues.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}
