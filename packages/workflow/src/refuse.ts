import { fillMessage } from '@civicflow/core';
import type { Refusal, RefusalCode } from './errors.js';

type Catalogue = Readonly<Record<RefusalCode, string>>;

const en: Catalogue = {
  PROGRAM_MISMATCH: 'This case follows the program {caseProgram}, not {program}.',
  STATE_UNKNOWN: 'This case is in the state "{state}", which the workflow does not have.',
  CASE_FINAL: 'This case is closed ("{state}") and accepts no further steps.',
  EVENT_UNKNOWN: 'The workflow has no step "{event}".',
  EVENT_NOT_ALLOWED: 'The step "{event}" is not possible while the case is in "{state}".',
  ROLE_FORBIDDEN: 'Only {allowed} may do "{event}".',
  DATA_INVALID: 'The data for "{event}" is incomplete or invalid: {count} problem(s).',
  GUARD_FAILED: 'The conditions for "{event}" are not met in "{state}".',
  NO_PLACE_FREE: 'All {count} places of "{places}" are taken, so "{event}" is not possible now.',
  BUDGET_EXCEEDED: '"{event}" would need {amount} from the budget "{sum}", but only {left} is left.',
  TIMER_UNKNOWN: 'This case has no running timer "{timer}" for "{event}".',
  TIMER_NOT_DUE: 'The timer "{timer}" is due at {due}, not yet.',
  PERIOD_NOT_STARTED: '"{period}" opens on {start} and runs until {end}; nothing can be sent before. {instead}',
  PERIOD_ENDED: '"{period}" ended on {end}: nothing can be sent any more. {instead}',
  TIMER_PASSED: '"{event}" is no longer possible: the time for it ended on {due}.',
  TIMERS_DUE: 'Deadlines of this case have expired ({timers}) and must be processed first.',
};

const de: Catalogue = {
  PROGRAM_MISMATCH: 'Dieser Fall folgt dem Programm {caseProgram}, nicht {program}.',
  STATE_UNKNOWN: 'Dieser Fall ist im Zustand „{state}“, den der Ablauf nicht kennt.',
  CASE_FINAL: 'Dieser Fall ist abgeschlossen („{state}“) und nimmt keine weiteren Schritte an.',
  EVENT_UNKNOWN: 'Einen Schritt „{event}“ gibt es in diesem Ablauf nicht.',
  EVENT_NOT_ALLOWED: 'Der Schritt „{event}“ ist nicht möglich, solange der Fall in „{state}“ ist.',
  ROLE_FORBIDDEN: '„{event}“ dürfen nur {allowed}.',
  DATA_INVALID: 'Die Angaben zu „{event}“ sind unvollständig oder ungültig: {count} Problem(e).',
  GUARD_FAILED: 'Die Bedingungen für „{event}“ sind in „{state}“ nicht erfüllt.',
  NO_PLACE_FREE: 'Alle {count} Plätze von „{places}“ sind vergeben; „{event}“ ist daher jetzt nicht möglich.',
  BUDGET_EXCEEDED: '„{event}“ bräuchte {amount} aus dem Budget „{sum}“, es sind aber nur noch {left} übrig.',
  TIMER_UNKNOWN: 'Für „{event}“ läuft in diesem Fall keine Frist „{timer}“.',
  TIMER_NOT_DUE: 'Die Frist „{timer}“ läuft erst {due} ab.',
  PERIOD_NOT_STARTED: '„{period}“ beginnt am {start} und läuft bis zum {end}; vorher kann nichts eingereicht werden. {instead}',
  PERIOD_ENDED: '„{period}“ ist am {end} zu Ende gegangen: Es kann nichts mehr eingereicht werden. {instead}',
  TIMER_PASSED: '„{event}“ ist nicht mehr möglich: Die Zeit dafür ist am {due} abgelaufen.',
  TIMERS_DUE: 'Fristen dieses Falls sind abgelaufen ({timers}) und müssen zuerst verarbeitet werden.',
};

/** Words a refusal names a step with where the step is not one of the workflow's events, so it has no title. */
interface Words {
  /** Opening a case (`createCase`). */
  readonly openCase: string;
}

const enWords: Words = { openCase: 'open a case' };

const deWords: Words = { openCase: 'Fall eröffnen' };

/** A word of the catalogue in German or English (other locales get English), as refusals use it. */
export function refusalWord(key: keyof Words, locale: string): string {
  return (locale.startsWith('de') ? deWords : enWords)[key];
}

/** A refusal with its message in German or English (other locales get English). */
export function refuse(code: RefusalCode, locale: string, params: Record<string, unknown>, details: Record<string, unknown> = params): Refusal {
  const template = (locale.startsWith('de') ? de : en)[code];
  return { ok: false, code, message: fillMessage(template, params), details };
}
