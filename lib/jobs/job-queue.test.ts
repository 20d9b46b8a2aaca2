/**
 * The job queue runs the retention sweep and the card reminder sweep through pg-boss: on PGlite
 * through the custom `db` adapter (the embedded default), on PostgreSQL from its connection
 * string. Started, it sweeps once at once (a due item labelled "delete" is disposed, with its
 * certificate; a card due within the day reminds its assignee), keeps both schedules stored,
 * sweeps again on demand, and stops cleanly.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import { getBoard } from "../boards/get-board";
import { createCard } from "../boards/create-card";
import { setCardAssignees } from "../boards/set-card-assignees";
import { createTestDatabase, testEngine } from "@/db/testing";
import { ukDay } from "../records/retention-clock";
import { REMINDER_SWEEP_QUEUE, RETENTION_SWEEP_QUEUE, startJobQueue, type JobQueueHandle } from "./job-queue";

let handle: DatabaseHandle;
let s: SeededScenario;
let queue: JobQueueHandle | undefined;

beforeAll(async () => {
  handle = await createTestDatabase();
  s = await seededScenario(handle.db);
});
afterAll(async () => {
  await queue?.stop();
  await handle?.close();
});

/** The test database's own URL on PostgreSQL (createTestDatabase made a database beside DATABASE_URL's). */
function databaseUrlOf(h: DatabaseHandle): string | undefined {
  if (h.kind !== "postgres") return undefined;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${(h.client as { options: { database: string } }).options.database}`;
  return url.toString();
}

async function dueItem(): Promise<string> {
  const db = handle.db;
  const [label] = await db
    .insert(t.retentionLabels)
    .values({ agencyId: s.agencyId("DCP"), reference: `JQ-${randomBytes(4).toString("hex")}`, name: "Delete at once", trigger: "labelled", action: "delete" })
    .returning();
  const doc = await buildDocument(db, { spaceId: s.spaceId("Operation Kestrel"), title: "Job queue test" });
  await db.insert(t.recordItems).values({ itemType: "document", itemId: doc.id, spaceId: doc.spaceId, owningAgencyId: doc.owningAgencyId, labelId: label!.id, appliedHow: "manual", dueOn: ukDay(new Date(Date.now() - 86_400_000)) });
  return doc.id;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("waitUntil: timed out");
}

/** A Kestrel card due in two hours, assigned to Tom by Priya; returns its id. */
async function cardDueSoon(): Promise<string> {
  const priya = await policyCtx(handle.db, await buildActor(handle.db, s.userId("priya.shah@dcp.example")));
  const boardId = s.boardId("Kestrel tasking");
  const [todo] = (await getBoard(priya, { boardId })).columns;
  const card = await createCard(priya, { boardId, columnId: todo!.id, title: "Job queue reminder", marking: "OFFICIAL", dueAt: new Date(Date.now() + 2 * 3_600_000).toISOString() });
  await setCardAssignees(priya, { cardId: card.id, userIds: [s.userId("tom.hughes@dcp.example")] });
  return card.id;
}
const isReminded = (cardId: string) => async () =>
  (await handle.db.select().from(t.notifications).where(eq(t.notifications.subjectId, cardId))).some((n) => n.kind === "card-due-soon");

const isDisposed = (documentId: string) => async () => (await handle.db.select().from(t.disposalCertificates).where(eq(t.disposalCertificates.itemId, documentId))).length === 1;

describe(`the job queue (${testEngine})`, () => {
  it("sweeps at start-up, on its schedule's queue, and on demand", { timeout: 90_000 }, async () => {
    const first = await dueItem();
    const logs: string[] = [];
    const card = await cardDueSoon();
    queue = await startJobQueue({ database: handle, databaseUrl: databaseUrlOf(handle), retentionSweepSeconds: 3600, reminderSweepSeconds: 300, log: (m) => logs.push(m), pollingIntervalSeconds: 0.5 });
    await waitUntil(isDisposed(first));
    expect(await handle.db.select().from(t.documents).where(eq(t.documents.id, first))).toHaveLength(0);
    // The job logs what it did once the whole sweep has ended (the certificate commits before).
    await waitUntil(async () => logs.some((m) => m.startsWith("retention: ")));

    const schedules = await queue.boss.getSchedules(RETENTION_SWEEP_QUEUE);
    expect(schedules.map((sc) => sc.cron)).toEqual(["RRULE:FREQ=SECONDLY;INTERVAL=3600"]);
    // The reminder sweep ran at start-up too, on its own schedule.
    await waitUntil(isReminded(card));
    expect((await queue.boss.getSchedules(REMINDER_SWEEP_QUEUE)).map((sc) => sc.cron)).toEqual(["RRULE:FREQ=SECONDLY;INTERVAL=300"]);
    const reminderJob = await queue.sendReminderSweep();
    await waitUntil(async () => (await queue!.boss.getJobById(REMINDER_SWEEP_QUEUE, reminderJob!))?.state === "completed");

    const second = await dueItem();
    const jobId = await queue.sendRetentionSweep();
    expect(jobId).toBeTruthy();
    await waitUntil(isDisposed(second));
    await waitUntil(async () => (await queue!.boss.getJobById(RETENTION_SWEEP_QUEUE, jobId!))?.state === "completed");
    await queue.stop();
    queue = undefined;
  });
});
