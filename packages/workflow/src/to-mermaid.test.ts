import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { toMermaid } from './to-mermaid.js';
import { loadExample } from '@civicflow/test-support';
import { tinyProgram } from './test-support/tiny-program.js';

describe('toMermaid', () => {
  it('draws states with their titles, the entry, every transition and the final states', () => {
    const text = toMermaid(loadExample('wir-vielfalt'), { locale: 'en' });
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain('  state "Documents missing" as s_missingDocuments\n');
    expect(text).toContain('  [*] --> s_draft\n');
    expect(text).toContain('  s_formalCheck --> s_decision : Record check result (if …)\n');
    expect(text).toContain('  s_missingDocuments --> s_rejected : after 4 weeks#58; Deadline for documents passed\n');
    // The draft's timer at the end of the call, a period: labelled with the period's end in words, in its time zone.
    expect(text).toContain('  s_draft --> s_notSubmitted : on November 30, 2019, 23#58;59#58; Deadline for applications passed\n');
    expect(text).toContain('  any_state --> s_withdrawn : Withdraw application\n');
    expect(text).toContain('  s_completed --> [*]\n');
  });

  it('uses the titles of the locale asked for', () => {
    expect(toMermaid(loadExample('wir-vielfalt'), { locale: 'de' })).toContain('state "Unterlagen fehlen" as s_missingDocuments');
  });

  it('escapes what would end a label or inject markup', () => {
    const program = loadProgram(tinyProgram({ 'workflow.states.open.title': 'Open"; click s_done call alert() %%', 'workflow.events.FINISH.title': '<b>Done</b>: #1' }));
    const text = toMermaid(program);
    expect(text).toContain('state "Open#quot;#59; click s_done call alert() #37;#37;" as s_open');
    expect(text).toContain('s_open --> s_done : #lt;b#gt;Done#lt;/b#gt;#58; #35;1');
    expect(text.split('\n').filter((l) => l.includes('alert'))).toHaveLength(1);
  });
});
