/**
 * Sends one notification e-mail, from the job queue after the change has committed
 * (email-queue.ts; lib/jobs/job-queue.ts runs it). The threat is e-mail as a side channel: mail
 * leaves Accord's control, is kept in mailboxes and forwarded, and outlives anyone's access. So an
 * e-mail says only that there is a notification, of which kind, and in which space (only when the
 * recipient may see that space now, asked of the policy as their own request would be), with a
 * link to /notifications, where the policy decides what to show once they have signed in. Never
 * a title, a comment, a marking or anyone's name. Decided again at sending: a person who can no
 * longer sign in, or who has meanwhile turned e-mail off for the kind, gets nothing.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { agencies, spaces, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { SmtpConfig } from "../env";
import { buildAbility } from "../authz/build-ability";
import { toActor } from "../auth/resolve-actor";
import { NOTIFICATION_KIND_LABELS, preferencesFor } from "./list-notification-preferences";
import type { NotificationEmailJob } from "./email-queue";

/** Where e-mails go out, and the address links point at. */
export type NotificationMailer = { transport: Pick<Transporter, "sendMail">; from: string; publicUrl: string };

/** A mailer over the configured SMTP server (nodemailer reads smtp:// and smtps:// URLs itself). */
export function createNotificationMailer(smtp: SmtpConfig, publicUrl: string): NotificationMailer {
  return { transport: nodemailer.createTransport(smtp.url), from: smtp.from, publicUrl: publicUrl.replace(/\/$/, "") };
}

/** What an e-mail says: the kind, the space when it may be named, and where to look. Nothing else. */
export function notificationEmailText(input: { kind: NotificationEmailJob["kind"]; spaceName: string | null; publicUrl: string }): { subject: string; text: string } {
  const label = NOTIFICATION_KIND_LABELS[input.kind];
  const where = input.spaceName === null ? "" : ` (${input.spaceName})`;
  return {
    subject: `Accord: ${label}${where}`,
    text: [
      `You have a new notification in Accord: ${label.charAt(0).toLowerCase()}${label.slice(1)}${input.spaceName === null ? "" : `, in ${input.spaceName}`}.`,
      "",
      `Sign in to see it: ${input.publicUrl}/notifications`,
      "",
      "This e-mail names only the kind of event, never what it is about.",
      `Choose what you receive by e-mail: ${input.publicUrl}/settings/notifications`,
    ].join("\n"),
  };
}

/** Sends the e-mail the job names, or nothing when it should no longer go; says which. */
export async function sendNotificationEmail(db: Db, job: NotificationEmailJob, mailer: NotificationMailer, now: Date = new Date()): Promise<"sent" | "skipped"> {
  const [row] = await db.select({ user: users, agency: agencies }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(users.id, job.recipientId)).limit(1);
  if (!row || row.user.status !== "active" || row.agency.status !== "active") return "skipped";
  const choiceOf = await preferencesFor({ db, actor: null, requestId: `notification-email-${randomUUID()}`, now }, [job.recipientId], [job.kind]);
  if (!choiceOf(job.recipientId, job.kind).email) return "skipped";
  let spaceName: string | null = null;
  if (job.spaceId) {
    const [space] = await db.select({ id: spaces.id, name: spaces.name, ownerAgencyId: spaces.ownerAgencyId }).from(spaces).where(eq(spaces.id, job.spaceId)).limit(1);
    // The token is a placeholder: the facts come from the database, never from a session.
    const ability = space ? await buildAbility(db, toActor(row.user, row.agency, "notification-email", now), now) : null;
    if (space && ability && can(ability, "read", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId })) spaceName = space.name;
  }
  const { subject, text } = notificationEmailText({ kind: job.kind, spaceName, publicUrl: mailer.publicUrl });
  await mailer.transport.sendMail({ from: mailer.from, to: row.user.email, subject, text });
  return "sent";
}
