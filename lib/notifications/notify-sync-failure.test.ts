/**
 * A change that cannot reach SharePoint tells the person whose change it was, against the Graph
 * stand-in: a full library (507, retried) tells them once however many retries meet it, a refusal
 * for good (a wrong secret) tells them too, nobody else is told, and nothing is told of a change
 * that went through. The list names the document only while they may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, testCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { startTestStandin, type TestStandin } from "@/graph-standin/testing";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { createDocument } from "../documents/create-document";
import { saveGraphConnection } from "../graph/save-graph-connection";
import { deliverGraphOutbox } from "../graph/deliver-graph-outbox";
import { overrideGraphSettings } from "../graph/graph-settings";
import { resetGates } from "../graph/throttle-gate";
import { listNotifications } from "./list-notifications";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
temporaryFileServicesForFile({ maxUploadBytes: 8 * 1024 * 1024 });

const CLIENT = "6a1b2c3d-0000-4000-8000-00000000dc01";
const SECRET = "accord-demo-secret";
const SITE = "https://dcpolice.sharepoint.com/sites/Accord";
const PRIYA = "priya.shah@dcp.example";
const SAM = "sam.patel@dcp.example";
let standin: TestStandin;

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const deliver = () => deliverGraphOutbox(testCtx(db, null), { leaseSeconds: 0 });
const failuresAbout = (itemId: string) => db.select().from(t.notifications).where(and(eq(t.notifications.subjectId, itemId), eq(t.notifications.kind, "sync-failed")));
const connect = async (secret: string) => saveGraphConnection(await ctxOf(SAM), { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: secret, siteUrl: SITE });

beforeAll(async () => {
  standin = await startTestStandin({ labels: [] });
  overrideGraphSettings({ url: standin.s.url, loginUrl: standin.s.url, simpleUploadBytes: 1024 * 1024, chunkBytes: 320 * 1024, ruPerMinute: 600_000 });
  resetGates();
  await connect(SECRET);
  // The back-fill of what Kestrel already holds goes first, so each test sees only its own change.
  await deliver();
}, 60_000);
afterAll(async () => {
  overrideGraphSettings(undefined);
  await standin?.s.close();
});

describe(`sync failures (${testEngine})`, () => {
  it("a full library (507) tells the person whose change it was, once however often it is retried, and nobody else", async () => {
    const priya = await ctxOf(PRIYA);
    const doc = await createDocument(priya, { spaceId: s.spaceId("Operation Kestrel"), title: "Sync: quota note" });
    standin.s.faults.add({ method: "PUT", path: "/content", status: 507, times: 2 });
    expect((await deliver()).retried).toBe(1);
    const told = await failuresAbout(doc.id);
    expect(told.map((n) => [n.recipientId, n.spaceId, n.subjectType])).toEqual([[s.userId(PRIYA), s.spaceId("Operation Kestrel"), "document"]]);
    // Retried while the library is still full: nobody is told again.
    await db.update(t.graphOutbox).set({ nextAttemptAt: new Date(0) }).where(and(eq(t.graphOutbox.itemId, doc.id), eq(t.graphOutbox.state, "pending")));
    expect((await deliver()).retried).toBe(1);
    expect(await failuresAbout(doc.id)).toHaveLength(1);
    const item = (await listNotifications(priya)).items.find((n) => n.kind === "sync-failed" && n.subject?.id === doc.id);
    expect(item).toMatchObject({ text: "“Sync: quota note” could not be synced to SharePoint", space: { name: "Operation Kestrel" }, subject: { type: "document", href: `/documents/${doc.id}` } });
    // Once there is room it goes, and that tells nobody anything.
    await db.update(t.graphOutbox).set({ nextAttemptAt: new Date(0) }).where(and(eq(t.graphOutbox.itemId, doc.id), eq(t.graphOutbox.state, "pending")));
    expect((await deliver()).delivered).toBe(1);
    expect(await failuresAbout(doc.id)).toHaveLength(1);
  });

  it("a refusal for good (a wrong secret) tells the person whose change it was", async () => {
    const doc = await createDocument(await ctxOf(PRIYA), { spaceId: s.spaceId("Operation Kestrel"), title: "Sync: refused note" });
    await connect("wrong");
    try {
      const result = await deliver();
      expect(result.failed).toBeGreaterThanOrEqual(1);
      const [row] = await db.select().from(t.graphOutbox).where(eq(t.graphOutbox.itemId, doc.id));
      expect(row).toMatchObject({ state: "failed", lastErrorCode: "wrong_secret" });
      expect((await failuresAbout(doc.id)).map((n) => [n.recipientId, n.dedupeKey])).toEqual([[s.userId(PRIYA), `sync-failed:${row!.id}:wrong_secret`]]);
    } finally {
      await connect(SECRET);
    }
  });
});
