import type { Logger } from './logger.js';
import { describeError } from './logger.js';

/** A job run again and again, each run `intervalMs` after the last one ended, until stopped. */
export interface Repeating {
  /** Starts the runs (again after a stop); does nothing while they run. */
  start(): void;
  /** Ends the runs, after the one in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Repeats `run` with a pause between runs, never two at once; a run that throws is logged with `failed` as its
 * message and the next comes as usual. The pause's timer does not keep the process alive.
 */
export function repeatEvery(run: () => Promise<unknown>, intervalMs: number, logger: Logger, failed: string): Repeating {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run()
        .catch((err) => logger.log({ level: 'error', msg: failed, ...describeError(err) }))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, intervalMs);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
