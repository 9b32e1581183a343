import type { TemplateResult } from 'lit';
import type { Api, DeepReadonly, FormAnswers } from '@civicflow/core/runtime';
import type { ApiContext } from '../internal/case-api.js';
import type { CaseStrings } from '../internal/case-strings.js';
import type { DefinitionTexts, WorkflowTitles } from '../internal/workflow-titles.js';
import type { CfCaseInbox } from './case-inbox.js';

/** A program the signed-in roles may see (`GET /v1/programs`). */
export type ProgramSummary = DeepReadonly<Api.ProgramSummary>;

/** A case as the list shows it (`GET /v1/programs/{id}/cases`). */
export type CaseRow = DeepReadonly<Api.CaseSummary>;

/** What `<cf-case-inbox>`'s list and case parts share; the element keeps it private and hands it to them. */
export interface InboxContext {
  readonly host: CfCaseInbox;
  locale(): string;
  strings(): CaseStrings;
  api(): ApiContext;
  /** A date and time in the inbox's language, or a dash. */
  date(iso: string | null): string;
  /** The program definition of a ref (`id@version`), fetched once, for its state and event titles. */
  definition(ref: string): Promise<DefinitionTexts>;
  /** The titles of a program's workflow, once its definition is in. */
  workflowTitles(ref: string | undefined): WorkflowTitles | undefined;
  /** How a case's data reads, by form, once its program's definition is in. */
  answers(ref: string, data: unknown): FormAnswers[] | undefined;
  /** Runs a request with the inbox marked busy. */
  run(work: () => Promise<void>): Promise<void>;
  /** What went wrong with a request, in words. */
  failure(e: unknown): string;
  /** The notice about the latest step on a case (shown in the list too after a case could not be opened). */
  notice(): TemplateResult | undefined;
}
