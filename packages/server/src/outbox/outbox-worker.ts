import type { Logger } from '../logger.js';
import { repeatEvery } from '../repeat-every.js';
import type { ClaimedMessage, OutboxStore } from './outbox-store.js';
import { silentLogger } from '../logger.js';

/**
 * Delivers one message, or throws. An error with `permanent: true` (a receiver that refuses the message for good, such
 * as an SMTP 5xx answer) ends the message's attempts at once.
 */
export type Deliver = (message: ClaimedMessage) => Promise<void>;

export interface OutboxWorkerOptions {
  outbox: OutboxStore;
  /** A deliverer per message kind (`email`, `webhook`). Messages of other kinds are left for a process that has one. */
  deliverers: Readonly<Record<string, Deliver>>;
  /** Time between runs in milliseconds. Default 2,000. */
  intervalMs?: number;
  /** Messages claimed at once. Default 20. */
  batchSize?: number;
  /** How long a claim holds a message; a worker that died holding it frees it after this. Default 60,000 ms. */
  leaseMs?: number;
  /** Attempts before a message is dead. Default 8. */
  maxAttempts?: number;
  /** The wait after the first failed attempt; it doubles with each further one, up to six hours. Default 30,000 ms. */
  retryBaseMs?: number;
  clock?: () => Date;
  logger?: Logger;
}

export interface OutboxRun {
  sent: number;
  /** Attempts that failed and will be tried again. */
  retried: number;
  /** Messages that gave up (dead) in this run. */
  dead: number;
}

export interface OutboxWorker {
  /** Delivers every message due now, batch after batch. */
  runOnce(): Promise<OutboxRun>;
  /** Runs `runOnce` every `intervalMs` until `stop`. */
  start(): void;
  /** Stops after the run in progress, if any. */
  stop(): Promise<void>;
}

const MAX_RETRY_MS = 6 * 60 * 60 * 1000;

/** What a failed attempt leaves in the outbox list: the receiver's words, without addresses (they are personal data). */
export function describeFailure(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/[^\s<>@"',;:()[\]]+@[^\s<>@"',;:()[\]]+/g, '<address>').slice(0, 500);
}

/**
 * Delivers the outbox: claims due messages (`FOR UPDATE SKIP LOCKED` with a lease, so several processes share the work
 * and a killed one loses nothing), hands each to its kind's deliverer, and records the result. A failed attempt is
 * tried again after a growing wait, until `maxAttempts`, then the message is dead: listed, and sent again on request.
 * Delivery is at least once: a process killed after sending and before recording sends again after the lease, with
 * the same message id.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { outbox, deliverers } = options;
  const interval = options.intervalMs ?? 2_000;
  const batch = options.batchSize ?? 20;
  const lease = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const retryBase = options.retryBaseMs ?? 30_000;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  // Only the kinds this process can deliver: an e-mail waits for a process with an SMTP server.
  const kinds = Object.keys(deliverers);

  async function deliver(m: ClaimedMessage, run: OutboxRun): Promise<void> {
    const deliverer = Object.hasOwn(deliverers, m.kind) ? deliverers[m.kind] : undefined;
    try {
      if (!deliverer) throw Object.assign(new Error(`no deliverer for ${m.kind}`), { permanent: false });
      await deliverer(m);
    } catch (err) {
      const permanent = (err as { permanent?: unknown }).permanent === true;
      const dead = permanent || m.attempts >= maxAttempts;
      const retryAt = new Date(clock().getTime() + Math.min(retryBase * 2 ** (m.attempts - 1), MAX_RETRY_MS));
      const kept = await outbox.failed(m, describeFailure(err), retryAt, dead);
      if (kept && dead) run.dead++;
      else if (kept) run.retried++;
      logger.log({ level: dead ? 'error' : 'warn', msg: dead ? 'outbox message dead' : 'outbox delivery failed', id: m.id, kind: m.kind, program: m.programId, topic: m.topic, attempts: m.attempts });
      return;
    }
    if (await outbox.sent(m, clock())) run.sent++;
    else logger.log({ level: 'warn', msg: 'outbox claim lost before sending was recorded', id: m.id });
  }

  async function runOnce(): Promise<OutboxRun> {
    const run: OutboxRun = { sent: 0, retried: 0, dead: 0 };
    for (;;) {
      const claimed = await outbox.claim(clock(), batch, lease, kinds);
      if (claimed.length === 0) break;
      for (const m of claimed) await deliver(m, run);
    }
    if (run.sent + run.retried + run.dead > 0) logger.log({ level: 'info', msg: 'outbox run', ...run });
    return run;
  }

  return { runOnce, ...repeatEvery(runOnce, interval, logger, 'outbox run failed') };
}
