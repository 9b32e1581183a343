import type { ProgramCheck } from './context.js';
import { checkForms } from './check-forms.js';
import { checkUi } from './check-ui.js';
import { checkTexts } from './check-texts.js';
import { checkWorkflow } from './check-workflow.js';
import { checkPeriods } from './check-periods.js';
import { checkApplicantNotes } from './check-applicant-notes.js';
import { checkNotices } from './check-notices.js';
import { checkMigrations } from './check-migrations.js';
import { checkMonitoring } from './check-monitoring.js';

/** The checks `loadProgram` runs after the meta-schema, in order. Each reports every problem it finds. */
export const programChecks: readonly ProgramCheck[] = [
  checkForms,
  checkUi,
  checkWorkflow,
  checkPeriods,
  checkTexts,
  checkApplicantNotes,
  checkNotices,
  checkMigrations,
  checkMonitoring,
];
