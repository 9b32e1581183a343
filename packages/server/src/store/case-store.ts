import type { Applied, Case, LimitUsage, Refusal } from '@civicflow/workflow';
import type { NewOutboxMessage, OutboxStore } from '../outbox/outbox-store.js';
import type { WebhookStore } from '../webhooks/webhook-store.js';
import type { ProgramVersionStore } from './program-version-store.js';
import type { ProgramDraftStore } from './program-draft-store.js';
import type { StoreHealth } from './store-health.js';
import type { SessionStore } from './session-store.js';
import type { CaseMigrationStore } from '../migrations-of-cases/case-migration-store.js';

/** A case as the store keeps it: the workflow's case plus what the server adds. */
export interface StoredCase extends Case {
  /** The short reference an applicant quotes (`CF-7K3M-Q9TX`). */
  reference: string;
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
  /** When an event last changed the data; retention counts from here. */
  dataChangedAt: string;
  /** When personal data was last removed for its retention, or null. */
  anonymisedAt: string | null;
  /** When the case's personal data was erased on request, or null. An erased case takes no more events. */
  erasedAt: string | null;
  /** The actor id of who works on the case now (see `assign`), or null; absent in cases the store did not read. */
  assignee?: string | null;
  /** Who made that assignment, and when (ISO 8601); null while nobody is assigned. */
  assignedBy?: string | null;
  assignedAt?: string | null;
  /** The language the applicant submitted in (one of the program's locales), or null (opened otherwise, or before it was kept). */
  locale?: string | null;
}

/** One line of a case list: no data, so a list never carries personal data. */
export interface CaseSummary {
  id: string;
  reference: string;
  program: string;
  state: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The earliest running timer's due time, if any. */
  nextDue: string | null;
  /** The actor id of who works on the case, or null. */
  assignee: string | null;
}

/** A case list's order: newest or oldest first by opening, most recently changed first, or the nearest deadline first (none last). */
export type CaseSort = 'newest' | 'oldest' | 'updated' | 'due';

export const CASE_SORTS: readonly CaseSort[] = ['newest', 'oldest', 'updated', 'due'];

/** Cases by their next deadline: passed already, or within the next 7 days (and not passed). */
export type DueFilter = 'overdue' | 'soon';

/** How many days ahead a deadline counts as due soon. */
export const DUE_SOON_DAYS = 7;

export interface CaseQuery {
  /** The program whose cases to list. */
  programId: string;
  /** Only cases in this state. */
  state?: string;
  /** At most this many (1–500). */
  limit: number;
  /** The `next` cursor of the previous page (of a list in the same order). */
  cursor?: string;
  /** The order; `newest` by default. */
  sort?: CaseSort;
  /** Only cases with a deadline overdue or due soon, as of `now`. */
  due?: { kind: DueFilter; now: Date };
  /** Only cases assigned to this actor id, or, with null, to nobody. */
  assignee?: string | null;
  /**
   * Only cases whose reference contains `text`, or, with `namePaths`, each of whose words is found (ignoring case) in one
   * of the values at these paths of the data (the personal text fields: names, places).
   */
  search?: { text: string; namePaths?: readonly (readonly string[])[] };
  /**
   * Only participants of a program with monitoring (cases whose entry date holds a value) that are `countable` (every
   * field each moment reached needs holds a value) or `incomplete` (one does not). Moments by their date field's path,
   * with the paths of the fields they need.
   */
  participants?: { want: 'countable' | 'incomplete'; moments: readonly { date: readonly string[]; needs: readonly (readonly string[])[] }[] };
}

/** A line of a list with the case's data, for an export. */
export interface CaseWithData extends CaseSummary {
  data: Case['data'];
}

/** A page of cases with their data: `listCases` with `withData`. */
export interface CaseDataPage {
  items: CaseWithData[];
  next: string | null;
}

/** Someone who may work on a program's cases: a person known by name with one of its roles. */
export interface Colleague {
  actor: string;
  name: string;
}

/** What an assignment changed: the case's assignee before and after. */
export interface Assignment {
  caseId: string;
  programId: string;
  before: string | null;
  assignee: string | null;
  assignedBy: string | null;
  assignedAt: string | null;
}

/** An entry of the office audit: searches for personal data, assignments, exports. */
export interface OfficeAuditEntry {
  at: Date;
  actor: string;
  programId: string;
  caseId?: string;
  action: 'search' | 'assign' | 'export' | 'publish' | 'migrate';
  detail: Record<string, unknown>;
}

export interface CasePage {
  items: CaseSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  next: string | null;
}

/** What `submit` stores: a case opened from a submission, under its idempotency key. */
export interface NewSubmission {
  programId: string;
  /** Unique per program; a second submission with it stores nothing. */
  idempotencyKey: string;
  /** A keyed digest of the request (program, form, sender, body), to tell a true repeat from a reused key. */
  requestHash: string;
  formId: string;
  reference: string;
  /**
   * The case `createCase` opened (version 1), or, for a program with limits, the function that opens it given the
   * limits' usage counted in the submission's transaction (undefined: refused, nothing is stored).
   */
  case: Case | ((usage: LimitUsage) => Case | undefined);
  /** The program's limits, locked and counted before `case` is called. */
  limits?: ProgramLimits;
  now: Date;
  /** The language the applicant submits in: notices to them later are written in it. */
  locale?: string;
  /** What the new case sends (notices): written in the submission's transaction, only when the key is new. */
  messages?: (opened: Case, reference: string) => readonly NewOutboxMessage[];
  /**
   * The mark of the published program versions the caller decided with (`ProgramSync.mark`). If the store's differs,
   * nothing is stored and `submit` throws `ProgramsChangedError`. Without it, no such check.
   */
  publishedMark?: string;
}

/** The stored answer to a submission. `created` is false when the idempotency key was seen before. */
export interface SubmissionReceipt {
  created: boolean;
  caseId: string;
  reference: string;
  /** The digest stored with the key; retention keeps it. Null once the case was erased, and for keys stored before digests were kept. */
  requestHash: string | null;
  /** Whether the case was erased on request since. */
  erased: boolean;
}

/**
 * What a change to a case amounts to: the events applied one after another (stored in this order), and, when the
 * last one asked for was refused, the refusal. Timers that were due are fired before a person's event, so both can
 * come back together.
 */
export interface ChangeResult {
  applied: readonly Applied[];
  refusal?: Refusal;
}

/**
 * A change to a case that a function decides on, given the case as stored now and how much of the program's places
 * and budgets the other cases use (empty unless the program has limits).
 */
export type CaseChange = (current: StoredCase, usage: LimitUsage) => ChangeResult;

/**
 * A limit as the store counts it: the cases in some states (places), or a number in the data of cases with an outcome
 * and not now in a state of `releasedIn` (a sum).
 */
export type LimitCount =
  | { readonly kind: 'places'; readonly name: string; readonly heldIn: readonly string[] }
  | { readonly kind: 'sum'; readonly name: string; readonly outcome: string; readonly field: string; readonly releasedIn: readonly string[] };

/** A waiting list: when fewer than `count` places of `places` are held, the case longest in `state` is offered one. */
export interface WaitingListRule {
  readonly places: string;
  readonly count: number;
  readonly state: string;
  /** Sends the offer to a waiting case, given the other cases' usage. */
  offer(current: StoredCase, usage: LimitUsage, now: Date): ChangeResult;
}

/**
 * The shared limits of a program (its workflow's places, and the budgets transitions stay within). A change to one of
 * its cases locks them (in a fixed order, one advisory lock each, until the transaction ends), counts them, and, after
 * writing, offers free places to waiting cases.
 */
export interface ProgramLimits {
  readonly programId: string;
  readonly counts: readonly LimitCount[];
  readonly waitingLists: readonly WaitingListRule[];
}

/**
 * What a change to a case sends (notices, later webhooks), given the case as it was and the events applied to it; the
 * messages are written in the change's transaction, so they exist exactly when the change does.
 */
export type OutboxOf = (before: StoredCase, applied: readonly Applied[]) => readonly NewOutboxMessage[];

/** Which limits a change to this case must lock and count; undefined when its program has none. */
export type LimitsOf = (current: StoredCase) => ProgramLimits | undefined;

/** Places held and waiting, per `places` entry, for the report. */
export interface PlacesQuery {
  name: string;
  heldIn: readonly string[];
  waiting?: string;
}

export interface DueTimerQuery {
  /** Timers due at or before this time. */
  now: Date;
  /** At most this many cases per call. */
  limit: number;
  /**
   * Only cases of these program versions (`id@version`): the ones this process can run. A case of a version no
   * process loads must not be claimed, or its timers would take the batch of those that can fire.
   */
  programs: readonly string[];
}

/** Counts for a program's report. Holds no personal data and no case ids. */
export interface StoreReport {
  casesPerState: { state: string; count: number }[];
  /** Cases opened per month (UTC): submissions, applications, first contacts. */
  openedPerMonth: { month: string; count: number }[];
  outcomesPerMonth: { month: string; outcome: string; count: number }[];
  deadlines: { event: string; overdue: number; within7Days: number; within30Days: number; later: number }[];
  /** Per report sum asked for: the cases that recorded its outcome (and are not released) and the sum of their numbers, by month of first recording (UTC). */
  sums: { name: string; perMonth: { month: string; count: number; amount: number }[] }[];
  /** Per `places` entry asked for: the cases holding one now, and those on its waiting list. */
  places: { name: string; held: number; waiting: number }[];
}

/**
 * A sum the report adds up (a workflow's `sums` entry): the number at `field` (a dotted path) of the cases that recorded
 * `outcome`, leaving out those now in a state of `releasedIn`.
 */
export interface ReportSumQuery {
  name: string;
  outcome: string;
  field: string;
  releasedIn?: readonly string[];
}

/** The event name of the audit entries retention appends. Not an identifier, so no workflow can declare it. */
export const RETENTION_EVENT = 'civicflow:retention';

/** The event name of the audit entry an erasure on request appends (once per case). */
export const ERASURE_EVENT = 'civicflow:erasure';

/**
 * Where cases live. Every method is one transaction: it either happens completely or not at all.
 * Two implementations run the same SQL: `createPgliteCaseStore` (embedded) and `createPostgresCaseStore`.
 */
export interface CaseStore {
  readonly engine: 'pglite' | 'postgres';
  /** The receipt of an earlier submission with this key, if any. */
  findSubmission(programId: string, idempotencyKey: string): Promise<SubmissionReceipt | undefined>;
  /**
   * Stores a submission and its new case, or, if the key was used before, returns the earlier receipt and stores
   * nothing. Undefined when `case` is a function that refused to open the case.
   */
  submit(submission: NewSubmission & { case: Case }): Promise<SubmissionReceipt>;
  submit(submission: NewSubmission): Promise<SubmissionReceipt | undefined>;
  /** One case with its whole history, or undefined. */
  getCase(id: string): Promise<StoredCase | undefined>;
  /**
   * How much of the program's limits the cases other than `exceptId` use now, counted without a lock: what a screen
   * shows (a step that needs a taken place); the change itself counts again under the limits' locks.
   */
  limitUsage(limits: ProgramLimits, exceptId: string): Promise<LimitUsage>;
  /** A page of a program's cases, newest first unless `sort` says otherwise; with `withData` each line carries the case's data. */
  listCases(query: CaseQuery): Promise<CasePage>;
  listCases(query: CaseQuery, withData: true): Promise<CaseDataPage>;
  /**
   * Assigns a case to an actor id (or to nobody, with null) and appends an `assign` entry to the office audit, in one
   * transaction under the case's row lock. Leaves the case's version alone: an assignment is no step of the workflow and
   * must not turn a colleague's open step into a conflict. Undefined when there is no such case.
   */
  assign(caseId: string, assignee: string | null, by: string, now: Date): Promise<Assignment | undefined>;
  /** The people known by name who held one of these roles (`program:role`) when last seen, by name. */
  colleagues(roles: readonly string[]): Promise<Colleague[]>;
  /** Appends an entry to the office audit. */
  audit(entry: OfficeAuditEntry): Promise<void>;
  /** The office audit of a program, oldest first (for the data protection officer and tests). */
  officeAudit(programId: string, limit: number): Promise<(Omit<OfficeAuditEntry, 'at'> & { at: string })[]>;
  /**
   * Changes a case under a row lock: `change` sees the case as stored now and returns what it applied, which is
   * written in this transaction (a refusal alone writes nothing). An applied erasure (`civicflow:erasure`) also marks
   * the case erased and removes the digests of its submissions, in the same transaction. Throws `VersionConflictError` when
   * `expectedVersion` is given and the case is at another version; returns undefined when there is no such case.
   * With `limitsOf`, the program's limits are locked and counted before `change` runs, and free places are offered to
   * waiting cases after it, in the same transaction. With `outboxOf`, what the change (and each offer) sends is
   * written to the outbox in that transaction too.
   */
  updateCase(id: string, expectedVersion: number | undefined, now: Date, change: CaseChange, limitsOf?: LimitsOf, outboxOf?: OutboxOf): Promise<ChangeResult | undefined>;
  /**
   * Claims up to `limit` cases with a timer due at `now` that no other process holds (`FOR UPDATE SKIP LOCKED`),
   * and gives each to `fire`, which returns the events applied in order; they are stored in the same transaction.
   * Returns how many events were stored.
   */
  fireDueTimers(options: DueTimerQuery, fire: (current: StoredCase, usage: LimitUsage) => readonly Applied[], limitsOf?: LimitsOf, outboxOf?: OutboxOf): Promise<number>;
  /** The id of the case with this reference, if any. */
  caseIdByReference(reference: string): Promise<string | undefined>;
  /** Ids of a program's cases after `afterId`, in id order, optionally only those whose data last changed by `changedBefore` (for batch jobs such as retention). */
  caseIds(programId: string, afterId: string | null, limit: number, changedBefore?: Date): Promise<string[]>;
  /** Counts for a program's report. */
  report(programId: string, now: Date, sums?: readonly ReportSumQuery[], places?: readonly PlacesQuery[]): Promise<StoreReport>;
  /** Keeps the display name the authentication hook gave for an actor id, and the roles it held (the latest ones win). */
  rememberName(actor: string, name: string, now: Date, roles?: readonly string[]): Promise<void>;
  /** The display names known for these actor ids; ids without one are left out. */
  names(actors: readonly string[]): Promise<Record<string, string>>;
  /** The messages waiting to leave the server, and those that left or gave up. */
  readonly outbox: OutboxStore;
  /** The programs' webhook subscriptions. */
  readonly webhooks: WebhookStore;
  /** The published program versions, each stored once and never changed. */
  readonly programVersions: ProgramVersionStore;
  /** The drafts designers edit on the server, one per program. */
  readonly programDrafts: ProgramDraftStore;
  /** The schema version, the backlog and the connection pool, for readiness checks and metrics. */
  readonly health: StoreHealth;
  /** Sessions of people signed in with OpenID Connect. */
  readonly sessions: SessionStore;
  /** Runs of migrations of open cases between program versions, and what each did to each case. */
  readonly caseMigrations: CaseMigrationStore;
  /** A named secret shared by every process using this database, created on first use. */
  secret(name: string): Promise<string>;
  close(): Promise<void>;
}
