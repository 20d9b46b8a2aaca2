/**
 * Queues notification e-mails on the job queue, inside the transaction that stores the
 * notification: the job's row is written through the same connection (pg-boss's `db` option), so
 * an e-mail is queued exactly when the change it tells of commits, and it is sent by the job queue
 * afterwards (send-notification-email.ts), never inside the request. A rolled-back change queues
 * nothing; a crash after the commit loses nothing.
 *
 * A job carries ids and the kind only (recipient, kind, space), never a title or any content, so
 * not even the queue's tables hold what the recipient may not read.
 *
 * The job queue registers the sender when it starts with SMTP configured (lib/jobs/job-queue.ts).
 * Next.js bundles lib/ apart from server.ts, so the two halves of the process share it through a
 * global symbol (as lib/jobs/sweep-signal.ts does). Without a sender (no SMTP, or no job queue in
 * this process: tests, scripts) nothing is queued, which is also how notify-people.ts knows that
 * e-mail is off.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { NotificationKind } from "@/db/schema";
import type { Ctx } from "../context";

/** What one notification e-mail job names: ids and the kind only. */
export type NotificationEmailJob = {
  recipientId: string;
  kind: NotificationKind;
  spaceId: string | null;
  /** The notification's own dedupe key: the same event is e-mailed once (see the sender's singleton key). */
  dedupeKey: string;
};

/** pg-boss's database adapter: run one statement with positional parameters. */
export type JobSqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/** The job queue's sender: queues the jobs through the given connection. */
export type NotificationEmailSender = (db: JobSqlExecutor, jobs: NotificationEmailJob[]) => Promise<void>;

const KEY = Symbol.for("accord.notifications.queueEmails");
type Registry = { [KEY]?: NotificationEmailSender };

/** Registers the job queue's sender (one per process); undefined removes it. */
export function onNotificationEmailsQueued(send: NotificationEmailSender | undefined): void {
  (globalThis as Registry)[KEY] = send;
}

/** True when this process sends notification e-mail (SMTP configured and the job queue running). */
export function isNotificationEmailOn(): boolean {
  return (globalThis as Registry)[KEY] !== undefined;
}

/**
 * pg-boss's statements ($1, $2 …) run through the caller's drizzle connection (the open
 * transaction), so the job commits or rolls back with it.
 */
export function jobSqlExecutor(db: Ctx["db"]): JobSqlExecutor {
  return {
    async executeSql(text, values = []) {
      const parts: SQL[] = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        parts.push(sql.raw(text.slice(last, match.index)));
        parts.push(sql`${values[Number(match[1]) - 1]}`);
        last = match.index + match[0].length;
      }
      parts.push(sql.raw(text.slice(last)));
      return { rows: rowsOf(await db.execute(sql.join(parts, sql.raw("")))) };
    },
  };
}

/** Queues an e-mail for each job, in the caller's transaction; nothing when e-mail is off. */
export async function queueNotificationEmails(ctx: Ctx, jobs: NotificationEmailJob[]): Promise<void> {
  const send = (globalThis as Registry)[KEY];
  if (!send || jobs.length === 0) return;
  await send(jobSqlExecutor(ctx.db), jobs);
}
