import type { Program } from '@civicflow/core';
import type { Actor, Case, CaseData } from './case.js';
import type { ApplyResult } from './errors.js';
import type { ApplyOptions } from './apply-event.js';
import { compileWorkflow } from './compile-workflow.js';
import { rememberSnapshot } from './to-snapshot.js';
import { freezeNew } from './freeze-new.js';
import { openingAudit } from './opening-audit.js';
import { readFormData, refuseData } from './read-form-data.js';
import { refuse, refusalWord } from './refuse.js';
import { workflowTexts } from './workflow-texts.js';
import { mayAct } from './may-act.js';
import { passedTimerRefusal } from './period-refusal.js';
import { isoTime } from './iso-time.js';

/**
 * Opens a case in the workflow's initial state, without side effects. Checks that the actor may open cases
 * (`workflow.open.roles`, else any workflow role) and the data against `workflow.open.form`, then runs XState's pure
 * `initialTransition` (which starts the initial state's timers; see `CompiledWorkflow.initial`). The case has version 1
 * and one history entry. A fixed-moment timer of the initial state that has already passed refuses the opening
 * (`TIMER_PASSED`) unless its `late` is `send`.
 *
 * @param now The time the case is opened at.
 * @throws WorkflowError `WORKFLOW_MISSING` when the program has no workflow.
 */
export function createCase(program: Program, id: string, actor: Actor, now: Date, data?: unknown, options: ApplyOptions = {}): ApplyResult {
  const locale = options.locale ?? program.locales[0] ?? 'en';
  const compiled = compileWorkflow(program);
  const wf = compiled.workflow;
  const allowed = wf.open?.roles ?? wf.roles;
  const event = refusalWord('openCase', locale);
  if (!mayAct(actor, allowed)) {
    const texts = workflowTexts(program, locale);
    return refuse('ROLE_FORBIDDEN', locale, { event, allowed: allowed.map(texts.role) }, { event: null, allowed: [...allowed], roles: [...actor.roles] });
  }
  const read = readFormData(program, wf.open?.form, data, locale);
  if (!read.ok) return refuseData(read, locale, event, { event: null, form: wf.open?.form });
  const at = isoTime(now);
  const [snapshot] = compiled.initial({ data: read.data, at });
  const context = snapshot.context;
  if (context.timers.length > 0) {
    const passed = passedTimerRefusal(program, compiled, [], context.timers as Case['timers'], now, () => event, workflowTexts(program, locale));
    if (passed) return passed;
  }
  const audit = openingAudit(actor, at, snapshot.value as string, context.data as CaseData);
  const created: Case = freezeNew({
    id,
    program: program.ref,
    state: audit.to,
    data: context.data as CaseData,
    version: 1,
    timers: context.timers as Case['timers'],
    outcomes: context.outcomes as Case['outcomes'],
    history: [audit],
  });
  rememberSnapshot(program, created, snapshot);
  return { ok: true, case: created, audit };
}
