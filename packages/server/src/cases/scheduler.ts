import type { LimitUsage } from '@civicflow/workflow';
import type { CaseStore, OutboxOf, StoredCase } from '../store/case-store.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import type { Logger } from '../logger.js';
import { repeatEvery } from '../repeat-every.js';
import { fireDueTimers } from './apply-case-event.js';
import { limitsOfCase } from './program-limits.js';
import { silentLogger } from '../logger.js';

export interface SchedulerOptions {
  store: CaseStore;
  programs: ProgramRegistry;
  /** Time between runs in milliseconds. Default 5,000. */
  intervalMs?: number;
  /** Cases claimed per transaction. Default 50. */
  batchSize?: number;
  clock?: () => Date;
  logger?: Logger;
  /** What a fired timer sends (the program's notices), written in its transaction. */
  outboxOf?: OutboxOf;
  /**
   * Brings `programs` up to the versions published meanwhile, before each run (a `ProgramSync`'s `refresh`): a
   * process that answers no requests still fires the timers of cases of a version published through another.
   */
  refreshPrograms?: () => Promise<void>;
}

export interface Scheduler {
  /** Fires every timer due now, batch after batch; returns how many events it stored. */
  runOnce(): Promise<number>;
  /** Runs `runOnce` every `intervalMs` until `stop`. */
  start(): void;
  /** Stops, after the run in progress (if any) ends. */
  stop(): Promise<void>;
}

/**
 * Fires due workflow timers as `system` events. The timers live in the store, so they survive restarts; each batch
 * claims its cases with `FOR UPDATE SKIP LOCKED` and re-reads them under the lock, so any number of server processes
 * may run a scheduler against one PostgreSQL database and every timer fires once.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, programs } = options;
  const interval = options.intervalMs ?? 5_000;
  const batch = options.batchSize ?? 50;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;

  async function runOnce(): Promise<number> {
    let total = 0;
    await options.refreshPrograms?.();
    // Stops when a batch stores nothing: all due timers of the versions this process runs have fired.
    for (;;) {
      const now = clock();
      const fire = (c: StoredCase, usage: LimitUsage) => {
        const program = programs.byRef(c.program);
        if (!program?.definition.workflow) {
          logger.log({ level: 'warn', msg: 'timer of a program version not loaded', program: c.program });
          return [];
        }
        return fireDueTimers(program, c, now, usage);
      };
      // A timer can free a place (a guest whose offer lapsed) or take one: the limits are counted and filled as for an event.
      const stored = await store.fireDueTimers({ now, limit: batch, programs: programs.refs() }, fire, limitsOfCase(programs), options.outboxOf);
      total += stored;
      if (stored > 0) logger.log({ level: 'info', msg: 'timers fired', events: stored });
      if (stored === 0) return total;
    }
  }

  return { runOnce, ...repeatEvery(runOnce, interval, logger, 'scheduler run failed') };
}
