/**
 * Notification e-mail, end to end against a real SMTP server (smtp-server) started here, through
 * the real job queue (pg-boss, on PGlite or PostgreSQL): a mention queues its e-mail in the
 * comment's own transaction and the job sends it after the commit, naming the kind, the space and
 * the link to /notifications and nothing of the document or the comment; a rolled-back change
 * queues nothing; the e-mail choice is respected both ways (off: no job at all; in the app off,
 * e-mail on: the e-mail without a stored notification); a space the recipient may not see is not
 * named; and someone who cannot sign in any more is sent nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { eq, sql } from "drizzle-orm";
import type { AddressInfo } from "node:net";
import { rowsOf, type DatabaseHandle } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import { createTestDatabase, testEngine } from "@/db/testing";
import { inTransaction } from "../context";
import { CONTENT_FIELD } from "../collab/yjs-content";
import { createCommentThread } from "../comments/create-comment-thread";
import { startJobQueue, NOTIFICATION_EMAIL_QUEUE, type JobQueueHandle } from "../jobs/job-queue";
import { notifyPeople } from "./notify-people";
import { createNotificationMailer } from "./send-notification-email";
import { setNotificationPreferences } from "./set-notification-preferences";
import { sweepContext } from "./sweep-card-reminders";

type Received = { to: string[]; raw: string };

let handle: DatabaseHandle;
let s: SeededScenario;
let queue: JobQueueHandle | undefined;
let smtp: SMTPServer;
const received: Received[] = [];

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";
const HELEN = "helen.carter@cc.example";
const KESTREL = "Operation Kestrel";
const PUBLIC_URL = "http://accord.test";
const ANCHOR = { start: { tname: CONTENT_FIELD, assoc: 0 }, end: { tname: CONTENT_FIELD, assoc: -1 } };

/** The test database's own URL on PostgreSQL (createTestDatabase made a database beside DATABASE_URL's). */
function databaseUrlOf(h: DatabaseHandle): string | undefined {
  if (h.kind !== "postgres") return undefined;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${(h.client as { options: { database: string } }).options.database}`;
  return url.toString();
}

beforeAll(async () => {
  handle = await createTestDatabase();
  s = await seededScenario(handle.db);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  queue = await startJobQueue({
    database: handle,
    databaseUrl: databaseUrlOf(handle),
    retentionSweepSeconds: 0,
    reminderSweepSeconds: 0,
    sweepAtStart: false,
    pollingIntervalSeconds: 0.5,
    log: () => {},
    mailer: createNotificationMailer({ url: `smtp://127.0.0.1:${port}`, from: "Accord <accord@dcp.example>" }, PUBLIC_URL),
  });
}, 60_000);
afterAll(async () => {
  await queue?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await handle?.close();
});

const ctxOf = async (email: string) => policyCtx(handle.db, await buildActor(handle.db, s.userId(email)));

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("waitUntil: timed out");
}

/** The e-mails received for an address since `from` (an index into `received`). */
const mailTo = (address: string, from = 0) => received.slice(from).filter((m) => m.to.includes(address));
/** The e-mail jobs queued for a person (their data: ids and the kind only). */
const jobsFor = async (userId: string) =>
  rowsOf<{ data: { recipientId: string; kind: string; spaceId: string | null } }>(
    await handle.db.execute(sql`SELECT data FROM pgboss.job WHERE name = ${NOTIFICATION_EMAIL_QUEUE} AND data->>'recipientId' = ${userId}`),
  ).map((r) => r.data);
/** The decoded text of an e-mail (nodemailer may quote-print long lines). */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

describe(`notification e-mail (${testEngine})`, () => {
  it("sends a mention's e-mail after the commit, naming the kind, the space and the link, and nothing of the document or the comment", { timeout: 60_000 }, async () => {
    const doc = await buildDocument(handle.db, { spaceId: s.spaceId(KESTREL), title: "Email: Operation Nightjar source", marking: "OFFICIAL" });
    const from = received.length;
    await createCommentThread(await ctxOf(PRIYA), { documentId: doc.id, anchor: ANCHOR, quote: "the informant", body: "Tom, meet the informant at the harbour", mentionIds: [s.userId(TOM)] });
    const jobs = await jobsFor(s.userId(TOM));
    expect(jobs).toEqual([{ recipientId: s.userId(TOM), kind: "comment-mention", spaceId: s.spaceId(KESTREL), dedupeKey: expect.stringMatching(/^comment-mention:/) }]);
    await waitUntil(() => mailTo(TOM, from).length === 1);
    const mail = decoded(mailTo(TOM, from)[0]!.raw);
    expect(mail).toContain("Subject: Accord: You are mentioned in a comment (Operation Kestrel)");
    expect(mail).toContain("You have a new notification in Accord: you are mentioned in a comment, in Operation Kestrel.");
    expect(mail).toContain(`${PUBLIC_URL}/notifications`);
    expect(mail).toContain("From: Accord <accord@dcp.example>");
    for (const secret of ["Nightjar", "informant", "harbour", doc.id, "DS Priya Shah", "OFFICIAL"]) expect(mail).not.toContain(secret);
  });

  it("queues nothing when the change rolls back", async () => {
    const before = (await jobsFor(s.userId(TOM))).length;
    const card = { recipientId: s.userId(TOM), kind: "card-assigned" as const, spaceId: s.spaceId(KESTREL), subjectType: "card" as const, subjectId: s.spaceId(KESTREL), dedupeKey: "email-test:rolled-back" };
    await expect(
      inTransaction(sweepContext(handle.db), async (tx) => {
        await notifyPeople(tx, [card]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await jobsFor(s.userId(TOM))).toHaveLength(before);
    expect(await handle.db.select().from(t.notifications).where(eq(t.notifications.dedupeKey, "email-test:rolled-back"))).toEqual([]);
  });

  it("respects the e-mail choice: off queues nothing; in the app off and e-mail on sends the e-mail with nothing stored", { timeout: 60_000 }, async () => {
    await setNotificationPreferences(await ctxOf(TOM), { preferences: [{ kind: "comment-mention", inApp: true, email: false }] });
    await setNotificationPreferences(await ctxOf(ALEX), { preferences: [{ kind: "comment-mention", inApp: false, email: true }] });
    const doc = await buildDocument(handle.db, { spaceId: s.spaceId(KESTREL), title: "Email: choices", marking: "OFFICIAL" });
    const tomJobs = (await jobsFor(s.userId(TOM))).length;
    const from = received.length;
    const { id } = await createCommentThread(await ctxOf(PRIYA), { documentId: doc.id, anchor: ANCHOR, quote: "", body: "Both of you, please", mentionIds: [s.userId(TOM), s.userId(ALEX)] });
    // Tom: the notification, no e-mail job. Alex: no notification, the e-mail.
    const stored = await handle.db.select().from(t.notifications).where(eq(t.notifications.subjectId, id));
    expect(stored.map((n) => n.recipientId)).toEqual([s.userId(TOM)]);
    expect(await jobsFor(s.userId(TOM))).toHaveLength(tomJobs);
    await waitUntil(() => mailTo(ALEX, from).length === 1);
    expect(decoded(mailTo(ALEX, from)[0]!.raw)).toContain("you are mentioned in a comment, in Operation Kestrel");
    expect(mailTo(TOM, from)).toEqual([]);
  });

  it("does not name a space the recipient may not see, and sends nothing to someone who cannot sign in", { timeout: 60_000 }, async () => {
    const from = received.length;
    // Helen (Cornwall Council) has no standing in Kestrel: the e-mail says what happened but not where.
    const about = { kind: "card-assigned" as const, spaceId: s.spaceId(KESTREL), subjectType: "card" as const, subjectId: s.spaceId(KESTREL) };
    await notifyPeople(sweepContext(handle.db), [{ ...about, recipientId: s.userId(HELEN), dedupeKey: "email-test:helen" }]);
    await waitUntil(() => mailTo(HELEN, from).length === 1);
    const mail = decoded(mailTo(HELEN, from)[0]!.raw);
    expect(mail).toContain("You have a new notification in Accord: a card is assigned to you.");
    expect(mail).not.toContain(KESTREL);

    // Disabled after the notification was stored, before the e-mail went: nothing is sent.
    const ben = s.userId("ben.lowe@cc.example");
    await inTransaction(sweepContext(handle.db), async (tx) => {
      await notifyPeople(tx, [{ ...about, recipientId: ben, dedupeKey: "email-test:ben" }]);
      await tx.db.update(t.users).set({ status: "disabled" }).where(eq(t.users.id, ben));
    });
    // A later e-mail to someone else has gone: the queue has passed Ben's job by then (one at a time, in order).
    await notifyPeople(sweepContext(handle.db), [{ ...about, recipientId: s.userId(HELEN), dedupeKey: "email-test:helen-2" }]);
    await waitUntil(() => mailTo(HELEN, from).length === 2);
    await waitUntil(async () => rowsOf(await handle.db.execute(sql`SELECT 1 FROM pgboss.job WHERE name = ${NOTIFICATION_EMAIL_QUEUE} AND data->>'recipientId' = ${ben} AND state = 'completed'`)).length === 1);
    expect(mailTo("ben.lowe@cc.example", from)).toEqual([]);
  });
});
