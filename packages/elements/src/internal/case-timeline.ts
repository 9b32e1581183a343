import type { Api, DeepReadonly } from '@civicflow/core/runtime';
import type { WorkflowTitles } from './workflow-titles.js';

/** A case as `GET /v1/status` answers it to its applicant (the server's `applicantView`). */
export type ApplicantCase = DeepReadonly<Api.ApplicantStatus>;

/** One state the case reached. */
export interface TimelineStep {
  readonly state: string;
  readonly title: string;
  readonly at: string;
  /** The title of the step that led here; null for the opening. */
  readonly via: string | null;
  readonly current: boolean;
}

/** What the applicant sees of their case: the states reached, and what comes next. */
export interface Timeline {
  readonly steps: readonly TimelineStep[];
  readonly finished: boolean;
  /** Deadlines still running, earliest first. */
  readonly deadlines: readonly { readonly title: string; readonly due: string }[];
  /** Steps the applicant may take themselves now. */
  readonly actions: readonly string[];
}

/**
 * The timeline of an applicant's case: each change of state in the order it happened (steps that kept the case
 * where it was are left out, they are not a new stage for the applicant), the current one marked.
 */
export function caseTimeline(c: ApplicantCase, titles: WorkflowTitles): Timeline {
  const reached = c.history.filter((h, i) => i === 0 || h.from !== h.to);
  const steps = reached.map((h, i) => ({
    state: h.to,
    title: titles.state(h.to),
    at: h.at,
    via: h.event === null ? null : (h.title ?? h.event),
    current: i === reached.length - 1,
  }));
  return {
    steps,
    finished: titles.isFinal(c.state),
    deadlines: [...c.deadlines].sort((a, b) => a.due.localeCompare(b.due)).map((d) => ({ title: d.title, due: d.due })),
    actions: c.availableEvents.map((e) => e.title),
  };
}
