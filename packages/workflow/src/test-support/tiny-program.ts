// Test helper: a program with a two-state workflow, small enough to stay inline (see STYLE.md).

/** A program whose workflow goes from `open` to `done` with FINISH; `texts` override the English texts. */
export function tinyProgram(texts: Record<string, string> = {}): Record<string, unknown> {
  const en: Record<string, string> = {
    'forms.note.title': 'Note',
    'forms.note.fields.text.label': 'Text',
    'workflow.states.open.title': 'Open',
    'workflow.states.done.title': 'Done',
    'workflow.events.FINISH.title': 'Finish',
    'workflow.roles.clerk': 'Clerk',
    ...texts,
  };
  return {
    id: 'tiny',
    version: '1.0.0',
    locales: ['en'],
    title: { en: 'Tiny' },
    forms: { note: { schema: { type: 'object', properties: { text: { type: 'string' } } } } },
    workflow: {
      initial: 'open',
      roles: ['clerk'],
      events: { FINISH: { form: 'note', roles: ['clerk'] } },
      states: { open: { on: { FINISH: { target: 'done', actions: [{ type: 'merge' }] } } }, done: { final: true } },
    },
    texts: { en },
  };
}
