/**
 * The job queue (pg-boss 12): background work that must run once per deployment rather than once
 * per instance, survive restarts and retry after a failure. It runs, each on a stored schedule
 * and once at start-up:
 *  - the retention sweep (lib/records/sweep-retention.ts), every ACCORD_RETENTION_SWEEP_SECONDS,
 *    and within seconds of an operation asking for one (lib/jobs/sweep-signal.ts);
 *  - the card reminder sweep (lib/notifications/sweep-card-reminders.ts), every
 *    ACCORD_REMINDER_SWEEP_SECONDS, and again at once while it reports more waiting;
 *  - SharePoint delivery (lib/graph/deliver-graph-outbox.ts), within seconds of a change queued
 *    for it (lib/graph/graph-signal.ts), again when a retry falls due, and every 30 seconds;
 *  - SharePoint's changes back (lib/graph/pull-graph-delta.ts), every ACCORD_GRAPH_DELTA_SECONDS;
 *  - with SMTP configured, notification e-mails (lib/notifications/send-notification-email.ts),
 *    one job each, queued in the transaction that stored the notification (email-queue.ts).
 * The reminder sweep also tells people whose access is about to end (sweep-access-expiry.ts).
 * Started once per process by server.ts, stopped on shutdown.
 *
 * On PostgreSQL pg-boss opens its own pool from the connection string (its tables live in the
 * `pgboss` schema). In the embedded default it runs over the process's one PGlite connection
 * through pg-boss's custom `db` adapter (stack-notes.md, "pg-boss 12 over PGlite"): statements
 * with parameters go through PGlite's `query`, those without through `exec` (pg-boss sends
 * multi-statement SQL), answering the one result when there is one and the array of every
 * statement's result when there are several (pg-boss reads the rows of every statement).
 *
 * Both sweeps are idempotent (the retention sweep claims its items with SKIP LOCKED; a reminder is
 * stored once per card, due date and person), so a job retried after a crash, or two instances'
 * schedules firing close together, never dispose or remind anything twice.
 */
import { PgBoss, type Db as IDatabase } from "pg-boss";
import type { PGlite } from "@electric-sql/pglite";
import type { DatabaseHandle } from "@/db/client";
import { retentionSweepContext, sweepRetention, type RetentionSweepResult } from "../records/sweep-retention";
import { signalAccessChanged } from "../collab/access-signal";
import { onRetentionSweepRequested } from "./sweep-signal";
import { sweepCardReminders, sweepContext, type SweepResult } from "../notifications/sweep-card-reminders";
import { graphSyncContext } from "../graph/graph-sync-context";
import { deliverGraphOutbox, type DeliveryResult } from "../graph/deliver-graph-outbox";
import { connectedAgencies, pullGraphDelta } from "../graph/pull-graph-delta";
import { nextGraphRetryInSeconds } from "../graph/next-graph-retry";
import { onGraphDeliveryRequested } from "../graph/graph-signal";
import { sweepAccessExpiry } from "../notifications/sweep-access-expiry";
import { onNotificationEmailsQueued, type NotificationEmailJob } from "../notifications/email-queue";
import { sendNotificationEmail, type NotificationMailer } from "../notifications/send-notification-email";

/** The queue the retention sweep runs from. */
export const RETENTION_SWEEP_QUEUE = "retention-sweep";
/** The queue the card reminder sweep runs from. */
export const REMINDER_SWEEP_QUEUE = "card-reminders";
/** The queue SharePoint deliveries run from. */
export const GRAPH_DELIVERY_QUEUE = "graph-delivery";
/** The queue SharePoint's changes are pulled from. */
export const GRAPH_DELTA_QUEUE = "graph-delta";
/** The queue notification e-mails are sent from. */
export const NOTIFICATION_EMAIL_QUEUE = "notification-email";
/**
 * An e-mail job is refused while one with the same key was queued in the same week (pg-boss's
 * singleton slot): the e-mail-only recipients of a change retried for the same reason have no
 * notification row to be skipped by, so this keeps them from one e-mail per retry.
 */
const EMAIL_SINGLETON_SECONDS = 7 * 86_400;
/** How often delivery runs even when nothing asked (retries falling due, another instance's changes). */
const GRAPH_DELIVERY_SECONDS = 30;

export type JobQueueOptions = {
  /** The process's database. */
  database: DatabaseHandle;
  /** PostgreSQL's connection string (DATABASE_URL); unset in the embedded default. */
  databaseUrl: string | undefined;
  /** Seconds between scheduled retention sweeps; 0: no schedule (the start-up sweep still runs). */
  retentionSweepSeconds: number;
  /** Seconds between card reminder sweeps; 0: no reminders at all (default 0). */
  reminderSweepSeconds?: number;
  log: (message: string) => void;
  /** Where failures are reported (default console.error). */
  logError?: (message: string, err: unknown) => void;
  /** How often the worker looks for a job (default 2 seconds; tests use less). */
  pollingIntervalSeconds?: number;
  /** Whether to send a sweep at once (default true). */
  sweepAtStart?: boolean;
  /** Seconds between SharePoint delta pulls; 0: none (default 0). */
  graphDeltaSeconds?: number;
  /** Where notification e-mails go out (SMTP configured); unset: no e-mail. */
  mailer?: NotificationMailer;
};

export type JobQueueHandle = {
  boss: PgBoss;
  /** Queues a retention sweep now; resolves with the job's id. */
  sendRetentionSweep(): Promise<string | null>;
  /** Queues a card reminder sweep now (null when reminders are off); resolves with the job's id. */
  sendReminderSweep(): Promise<string | null>;
  /** Stops working and scheduling, waiting for a job in progress. */
  stop(): Promise<void>;
};

/** pg-boss's custom database over a PGlite instance (the process's one connection). */
function pgliteJobDatabase(pglite: PGlite): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return pglite.query(text, values as never[]);
      const results = await pglite.exec(text);
      return (results.length === 1 ? results[0] : results) as { rows: unknown[] };
    },
  };
}

/** Starts the job queue: its schema migrated, the retention sweep's worker and schedule in place. */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueueHandle> {
  const logError = options.logError ?? ((message, err) => console.error(message, err));
  const { database } = options;
  const boss =
    database.kind === "postgres"
      ? new PgBoss({ connectionString: requireUrl(options.databaseUrl), application_name: "accord-jobs" })
      : new PgBoss({ db: pgliteJobDatabase(database.client as PGlite), backend: "pglite" });
  boss.on("error", (err: unknown) => logError("[accord] jobs: error", err));
  await boss.start();
  // stately: at most one sweep waiting and one running, however many instances send one.
  for (const name of [RETENTION_SWEEP_QUEUE, REMINDER_SWEEP_QUEUE, GRAPH_DELIVERY_QUEUE, GRAPH_DELTA_QUEUE, NOTIFICATION_EMAIL_QUEUE]) {
    await boss.createQueue(name, { retryLimit: 3, retryDelay: 60, policy: "stately" }).catch(async (err: unknown) => {
      // Already there from an earlier start: nothing to do.
      if (!(await boss.getQueue(name))) throw err;
    });
  }
  await boss.work<object, RetentionSweepResult>(RETENTION_SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const ctx = retentionSweepContext(database.db);
    const result = await sweepRetention(ctx);
    const moved = result.reviewStarted + result.relabelled + result.disposed + result.certificatesPurged;
    // Disposed or restricted content must close its open co-editing sessions now.
    if (result.disposed > 0) signalAccessChanged();
    if (moved > 0) options.log(`retention: ${result.reviewStarted} into review, ${result.relabelled} relabelled, ${result.disposed} disposed, ${result.certificatesPurged} certificates purged [${ctx.requestId}]`);
    return result;
  });
  await schedule(boss, RETENTION_SWEEP_QUEUE, options.retentionSweepSeconds);

  const reminderSeconds = options.reminderSweepSeconds ?? 0;
  const sendReminderSweep = async () => (reminderSeconds > 0 ? boss.send(REMINDER_SWEEP_QUEUE, {}) : null);
  if (reminderSeconds > 0) {
    await boss.work<object, SweepResult>(REMINDER_SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      const ctx = sweepContext(database.db);
      const result = await sweepCardReminders(ctx);
      if (result.dueSoon + result.overdue > 0 || result.hasMore) options.log(`reminders: ${result.dueSoon} due soon, ${result.overdue} overdue${result.hasMore ? " (more waiting: sweeping again)" : ""} [${ctx.requestId}]`);
      const access = await sweepAccessExpiry(ctx);
      if (access.memberships + access.agreements + access.vetting > 0) options.log(`reminders: access ending for ${access.memberships} memberships, ${access.agreements} agreements, ${access.vetting} vetting [${ctx.requestId}]`);
      // A sweep stores a bounded number of reminders; what is left is swept next, not in an interval.
      if (result.hasMore || access.hasMore) await sendReminderSweep();
      return result;
    });
  }
  await schedule(boss, REMINDER_SWEEP_QUEUE, reminderSeconds);

  const sendGraphDelivery = (startAfter?: number) => boss.send(GRAPH_DELIVERY_QUEUE, {}, startAfter ? { startAfter } : undefined);
  await boss.work<object, DeliveryResult>(GRAPH_DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const ctx = graphSyncContext(database.db);
    // A bounded run, so one long sync never holds the queue: what is left is sent again below.
    const result = await deliverGraphOutbox(ctx, { budgetMs: 50_000 });
    if (result.delivered + result.failed + result.conflicts > 0) options.log(`sharepoint: ${result.delivered} delivered, ${result.retried} to retry, ${result.failed} failed, ${result.conflicts} conflicts`);
    const next = await nextGraphRetryInSeconds(ctx);
    if (next !== null && next < GRAPH_DELIVERY_SECONDS) await sendGraphDelivery(Math.max(1, Math.ceil(next)));
    return result;
  });
  await schedule(boss, GRAPH_DELIVERY_QUEUE, GRAPH_DELIVERY_SECONDS);
  onGraphDeliveryRequested(() => sendGraphDelivery());
  const deltaSeconds = options.graphDeltaSeconds ?? 0;
  if (deltaSeconds > 0) {
    await boss.work(GRAPH_DELTA_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      const ctx = graphSyncContext(database.db);
      for (const agencyId of await connectedAgencies(ctx)) {
        try {
          const result = await pullGraphDelta(ctx, { agencyId });
          if (result.edited + result.conflicts + result.removed + result.refused > 0) options.log(`sharepoint: from SharePoint ${result.edited} edited, ${result.conflicts} conflicts, ${result.removed} removed, ${result.refused} refused${result.resynced ? " (full resync)" : ""}`);
        } catch (err) {
          logError(`[accord] sharepoint: delta for agency ${agencyId} failed`, err);
        }
      }
    });
  }
  await schedule(boss, GRAPH_DELTA_QUEUE, deltaSeconds);

  const mailer = options.mailer;
  if (mailer) {
    await boss.work<NotificationEmailJob>(NOTIFICATION_EMAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
      // A failure (the SMTP server down) throws: pg-boss retries the job later.
      if (job) await sendNotificationEmail(database.db, job.data, mailer);
    });
    // Queued from inside the caller's transaction: pg-boss finds the queue in the cache that
    // createQueue (above) and start() filled, so it never asks its own connection, which on PGlite
    // would wait for that very transaction to end.
    onNotificationEmailsQueued(async (db, jobs) => {
      for (const data of jobs) {
        await boss.send(NOTIFICATION_EMAIL_QUEUE, data, { db, singletonKey: `${data.recipientId} ${data.dedupeKey}`, singletonSeconds: EMAIL_SINGLETON_SECONDS, retryLimit: 5, retryDelay: 60, retryBackoff: true });
      }
    });
  }

  const sendRetentionSweep = () => boss.send(RETENTION_SWEEP_QUEUE, {});
  // Operations that make items due ask for a sweep (lib/jobs/sweep-signal.ts); "stately" keeps
  // a burst of them to one sweep waiting.
  onRetentionSweepRequested(sendRetentionSweep);
  if (options.sweepAtStart ?? true) {
    await sendRetentionSweep();
    await sendReminderSweep();
  }
  return {
    boss,
    sendRetentionSweep,
    sendReminderSweep,
    async stop() {
      onRetentionSweepRequested(undefined);
      onGraphDeliveryRequested(undefined);
      if (mailer) onNotificationEmailsQueued(undefined);
      await boss.stop({ graceful: true, timeout: 30_000, close: true });
    },
  };
}

/** Stores the queue's schedule (every instance may set it; one job is sent per occurrence), or removes it for 0. */
async function schedule(boss: PgBoss, queue: string, seconds: number): Promise<void> {
  if (seconds > 0) await boss.schedule(queue, `RRULE:FREQ=SECONDLY;INTERVAL=${seconds}`, {}, { tz: "UTC" });
  else await boss.unschedule(queue);
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error("startJobQueue: PostgreSQL needs its connection string");
  return url;
}
