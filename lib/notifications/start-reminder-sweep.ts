/**
 * Runs the reminder sweep (sweep-card-reminders.ts, then sweep-access-expiry.ts) in the server process: once at start-up and
 * then every `intervalSeconds`. A sweep never overlaps the previous one, and a failing sweep is
 * logged with its request id and retried at the next tick: it never takes the server down.
 *
 * The job queue (lib/jobs/job-queue.ts) runs the same sweepCardReminders() on a schedule, once per
 * deployment; server.ts uses this in-process timer only when the job queue could not start, so
 * that reminders still arrive. Each instance then sweeps; the sweep is idempotent, so several
 * instances store each reminder once.
 */
import type { Db } from "@/db/client";
import { sweepCardReminders, sweepContext, type SweepResult } from "./sweep-card-reminders";
import { sweepAccessExpiry } from "./sweep-access-expiry";

export type ReminderSweepOptions = {
  /** The process's database (opened lazily, as the collaboration server does). */
  db: () => Promise<Db>;
  intervalSeconds: number;
  log: (message: string) => void;
  /** Where failures are reported (default console.error). */
  logError?: (message: string, err: unknown) => void;
  /** The clock (tests). */
  now?: () => Date;
};

export type ReminderSweepHandle = {
  /** Stops the timer and waits for a sweep in progress to end. */
  stop(): Promise<void>;
  /** Runs a sweep now unless one is running (what the timer calls); resolves when it has ended. */
  runNow(): Promise<SweepResult | null>;
};

/** Starts sweeping: at once, then every `intervalSeconds` (which must be positive). */
export function startReminderSweep(options: ReminderSweepOptions): ReminderSweepHandle {
  if (!Number.isInteger(options.intervalSeconds) || options.intervalSeconds <= 0) throw new Error(`startReminderSweep: bad interval ${options.intervalSeconds}`);
  const logError = options.logError ?? ((message, err) => console.error(message, err));
  let running: Promise<SweepResult | null> | null = null;
  let isStopped = false;

  const sweepOnce = async (): Promise<SweepResult | null> => {
    let requestId = "(not started)";
    try {
      const ctx = sweepContext(await options.db(), options.now?.() ?? new Date());
      requestId = ctx.requestId;
      const result = await sweepCardReminders(ctx);
      if (result.dueSoon + result.overdue > 0 || result.hasMore) {
        options.log(`reminders: ${result.dueSoon} due soon, ${result.overdue} overdue${result.hasMore ? " (more waiting for the next sweep)" : ""} [${requestId}]`);
      }
      // Access about to end is part of the same sweep (its own transaction, its own bound).
      const access = await sweepAccessExpiry(ctx);
      if (access.memberships + access.agreements + access.vetting > 0) {
        options.log(`reminders: access ending for ${access.memberships} memberships, ${access.agreements} agreements, ${access.vetting} vetting [${requestId}]`);
      }
      return result;
    } catch (err) {
      logError(`[accord] reminders: sweep ${requestId} failed; trying again in ${options.intervalSeconds}s`, err);
      return null;
    }
  };

  const runNow = (): Promise<SweepResult | null> => {
    if (running) return running;
    if (isStopped) return Promise.resolve(null);
    // .finally runs after the assignment, even when the sweep fails at once.
    running = sweepOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void runNow(), options.intervalSeconds * 1000);
  // The sweep alone never keeps the process alive.
  timer.unref();
  void runNow();

  return {
    runNow,
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
