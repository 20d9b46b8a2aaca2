/**
 * SharePoint sync end to end (issue 9) against the Graph stand-in (graph-standin/), over real
 * HTTPS with the real MSAL and Graph client: Sam (DCP's administrator) connects DCP, the test
 * reports what works and what does not (a wrong secret, an unknown site), the backfill uploads
 * Kestrel's documents as .docx, a large file goes up in 320 KiB fragments and resumes after a
 * worker dies mid-upload re-sending at most one fragment, a 429 storm is ridden out with no request
 * inside a Retry-After window, an edit in SharePoint comes back as a file version, both sides
 * changing a document keeps both and flags it, a label is applied remotely, a deletion deletes
 * remotely and a record lock's refusal is kept and shown, a full library (507) keeps the change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, testCtx, type SeededScenario } from "@/db/factories";
import { startTestStandin, type TestStandin } from "@/graph-standin/testing";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { uploadFile } from "../files/upload-file";
import { createDocument } from "../documents/create-document";
import { deleteDocument } from "../documents/delete-document";
import { applyRetentionLabel } from "../records/apply-retention-label";
import { saveGraphConnection } from "./save-graph-connection";
import { testGraphConnection } from "./test-graph-connection";
import { deliverGraphOutbox } from "./deliver-graph-outbox";
import { pullGraphDelta } from "./pull-graph-delta";
import { enqueueGraphSync } from "./enqueue-graph-sync";
import { overrideGraphSettings } from "./graph-settings";
import { resetGates } from "./throttle-gate";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
temporaryFileServicesForFile({ maxUploadBytes: 8 * 1024 * 1024 });

const CLIENT = "6a1b2c3d-0000-4000-8000-00000000dc01";
const SECRET = "accord-demo-secret";
const CHUNK = 320 * 1024;
let standin: TestStandin;

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const system = () => testCtx(db, null);
const deliver = (options: Parameters<typeof deliverGraphOutbox>[1] = {}) => deliverGraphOutbox(system(), { leaseSeconds: 0, ...options });
const itemState = async (itemType: "document" | "file", itemId: string) =>
  (await db.select().from(t.graphItems).where(and(eq(t.graphItems.itemType, itemType), eq(t.graphItems.itemId, itemId))))[0];
const text = (n: number, seed: string) => new TextEncoder().encode(Array.from({ length: Math.ceil(n / seed.length) }, () => seed).join("").slice(0, n));

beforeAll(async () => {
  // The stand-in's label catalogue holds Accord's label names, as a tenant publishing them would.
  const labels = await db.select({ name: t.retentionLabels.name }).from(t.retentionLabels);
  standin = await startTestStandin({ labels: labels.map((l) => ({ name: l.name, behaviorDuringRetentionPeriod: "retain" as const })) });
  overrideGraphSettings({ url: standin.s.url, loginUrl: standin.s.url, simpleUploadBytes: 1024 * 1024, chunkBytes: CHUNK, ruPerMinute: 600_000 });
  resetGates();
}, 60_000);
afterAll(async () => {
  overrideGraphSettings(undefined);
  await standin?.s.close();
});

describe("connecting an agency", () => {
  it("refuses bad input with each field named, and non-administrators", async () => {
    const sam = await ctxOf("sam.patel@dcp.example");
    const err = await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: "not-a-guid", siteUrl: "http://x/sites/a", clientSecret: "" }).then(() => null, (e: unknown) => e as { details?: { issues?: { path: string }[] } });
    expect(err?.details?.issues?.map((i) => i.path).sort()).toEqual(["clientId", "siteUrl"]);
    const priya = await ctxOf("priya.shah@dcp.example");
    await expect(saveGraphConnection(priya, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: SECRET, siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" })).rejects.toMatchObject({ status: 403 });
  });

  it("a wrong secret and an unknown site are reported as such by the test", async () => {
    const sam = await ctxOf("sam.patel@dcp.example");
    await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: "wrong", siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
    const wrong = await testGraphConnection(sam);
    expect(wrong.ok).toBe(false);
    expect(wrong.steps[0]).toMatchObject({ step: "token", ok: false });
    expect(wrong.steps[0]!.message).toContain("refused the client secret");
    await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: SECRET, siteUrl: "https://dcpolice.sharepoint.com/sites/Nowhere" });
    const unknown = await testGraphConnection(sam);
    expect(unknown.steps.map((x) => [x.step, x.ok])).toEqual([["token", true], ["site", false]]);
    expect(unknown.steps[1]!.message).toContain("There is no site at https://dcpolice.sharepoint.com/sites/Nowhere");
  });

  it("changes refused on a wrong secret wait as failed with the reason, and are sent again once the secret is put right", async () => {
    const sam = await ctxOf("sam.patel@dcp.example");
    await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: "wrong", siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
    const refused = await deliver();
    expect(refused.delivered).toBe(0);
    expect(refused.failed).toBeGreaterThan(0);
    const failed = await db.select().from(t.graphOutbox).where(and(eq(t.graphOutbox.agencyId, s.agencyId("DCP")), eq(t.graphOutbox.state, "failed")));
    expect(failed.length).toBe(refused.failed);
    expect(new Set(failed.map((f) => f.lastErrorCode))).toEqual(new Set(["wrong_secret"]));
    expect(await itemState("document", s.documentId("Investigation log"))).toMatchObject({ status: "failed", lastErrorCode: "wrong_secret" });
    // The same place with the right secret: nothing new to back-fill, but every refused change is queued again.
    await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: SECRET, siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
    const pending = await db.select().from(t.graphOutbox).where(and(eq(t.graphOutbox.agencyId, s.agencyId("DCP")), eq(t.graphOutbox.state, "pending")));
    expect(pending.length).toBe(failed.length);
    expect(await itemState("document", s.documentId("Investigation log"))).toMatchObject({ status: "pending", lastErrorCode: null });
  });

  it("the right settings pass every step, and Kestrel's documents reach SharePoint as .docx", async () => {
    const sam = await ctxOf("sam.patel@dcp.example");
    const saved = await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: SECRET, siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    const test = await testGraphConnection(sam);
    expect(test.steps.map((x) => x.ok)).toEqual([true, true, true, true]);
    const result = await deliver();
    expect(result.failed).toBe(0);
    expect(result.delivered).toBeGreaterThan(0);
    const logId = s.documentId("Investigation log");
    const remote = standin.s.remote.findByPath(standin.driveId, "/Operation Kestrel/Investigation log.docx");
    expect(remote).not.toBeNull();
    const state = await itemState("document", logId);
    expect(state).toMatchObject({ status: "synced", remoteId: remote!.id, cTag: remote!.cTag });
    // Every call is logged with its request-id and the person it was for; the audit names them too.
    const calls = await db.select().from(t.graphCalls).where(eq(t.graphCalls.agencyId, s.agencyId("DCP")));
    expect(calls.filter((c) => c.requestId).length).toBeGreaterThan(0);
    const audit = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "graph.sync.upload"), eq(t.auditEvents.subjectId, logId), eq(t.auditEvents.outcome, "success")));
    expect(audit[0]?.actorUserId).not.toBeNull();
    expect((audit[0]?.details as { requestIds: string[] }).requestIds.length).toBeGreaterThan(0);
  });
});

describe("uploads", () => {
  it("a large file goes in 320 KiB fragments; a worker killed mid-upload is resumed, re-sending at most one fragment", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    const kestrel = s.spaceId("Operation Kestrel");
    const bytes = text(3 * 1024 * 1024 + 12345, "Statement of evidence. ");
    const file = await uploadFile(priya, { spaceId: kestrel, name: "Large statement.txt", bytes });
    let fragments = 0;
    // The "kill": the worker dies after its third fragment, before it settles anything.
    await expect(
      deliver({
        afterFragment: () => {
          if (++fragments === 3) throw Object.assign(new Error("killed"), { name: "WorkerKilled" });
        },
      }),
    ).rejects.toThrow("killed");
    const again = await deliver();
    expect(again.failed).toBe(0);
    const sessions = standin.s.remote.uploadSessions().filter((x) => x.fileName === "Large statement.txt");
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.committed).toBe(true);
    expect(sessions[0]!.bytesReceivedTotal - bytes.byteLength).toBeLessThanOrEqual(CHUNK);
    expect(sessions[0]!.fragments.every((f, i, all) => i === all.length - 1 || (f.end - f.start + 1) % CHUNK === 0)).toBe(true);
    const state = await itemState("file", file.id);
    expect(state?.status).toBe("synced");
    const remote = standin.s.remote.get(standin.driveId, state!.remoteId!);
    expect(remote?.size).toBe(bytes.byteLength);
  });

  it("a 429 storm is ridden out: nothing inside a Retry-After window, nothing lost or duplicated", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    const kestrel = s.spaceId("Operation Kestrel");
    standin.s.faults.add({ method: "PUT", path: "/content", status: 429, retryAfterSeconds: 1, times: 3 });
    const created = await createDocument(priya, { spaceId: kestrel, title: "Throttled briefing note" });
    const before = standin.s.requests.length;
    const result = await deliver();
    expect(result.failed).toBe(0);
    const during = standin.s.requests.slice(before);
    expect(during.filter((r) => r.status === 429).length).toBe(3);
    expect(during.some((r) => r.insideRetryAfter)).toBe(false);
    const named = standin.s.remote.findByPath(standin.driveId, "/Operation Kestrel/Throttled briefing note.docx");
    expect(named).not.toBeNull();
    expect(standin.s.remote.findByPath(standin.driveId, "/Operation Kestrel/Throttled briefing note 1.docx")).toBeNull();
    expect((await itemState("document", created.id))?.status).toBe("synced");
  }, 30_000);

  it("a full library (507) keeps the change waiting with the reason, and it goes once there is room", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    standin.s.faults.add({ method: "PUT", path: "/content", status: 507, times: 1 });
    const created = await createDocument(priya, { spaceId: s.spaceId("Operation Kestrel"), title: "Quota note" });
    const first = await deliver();
    expect(first.retried).toBe(1);
    const waiting = await itemState("document", created.id);
    expect(waiting).toMatchObject({ status: "failed", lastErrorCode: "quota" });
    expect(waiting?.lastError).toContain("library is full");
    const [row] = await db.select().from(t.graphOutbox).where(and(eq(t.graphOutbox.itemId, created.id), eq(t.graphOutbox.state, "pending")));
    expect(row).toBeDefined();
    await db.update(t.graphOutbox).set({ nextAttemptAt: new Date(0) }).where(eq(t.graphOutbox.id, row!.id));
    await deliver();
    expect((await itemState("document", created.id))?.status).toBe("synced");
  });
});

describe("back from SharePoint", () => {
  it("an edit made in SharePoint comes back as a new version of the file, the old content kept", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    const file = await uploadFile(priya, { spaceId: s.spaceId("Operation Kestrel"), name: "Timeline.txt", bytes: text(2000, "09:00 call received. ") });
    await deliver();
    const state = await itemState("file", file.id);
    await pullGraphDelta(system(), { agencyId: s.agencyId("DCP") }); // the first enumeration: nothing changed
    expect(await db.select().from(t.fileVersions).where(eq(t.fileVersions.fileId, file.id))).toHaveLength(0);
    standin.s.remote.editContent(standin.driveId, state!.remoteId!, text(2100, "09:05 officer attended. "), "Ivy Clerk");
    const pulled = await pullGraphDelta(system(), { agencyId: s.agencyId("DCP") });
    expect(pulled.edited).toBe(1);
    const versions = await db.select().from(t.fileVersions).where(eq(t.fileVersions.fileId, file.id));
    expect(versions).toHaveLength(1);
    const [now] = await db.select().from(t.files).where(eq(t.files.id, file.id));
    expect(now!.sizeBytes).toBe(2100);
    expect(versions[0]!.sha256).toBe(file.sha256);
  });

  it("a document changed on both sides keeps both: SharePoint's as a version to review, the item flagged", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    const created = await createDocument(priya, { spaceId: s.spaceId("Operation Kestrel"), title: "Both sides" });
    await deliver();
    const state = await itemState("document", created.id);
    const docx = await standin.s.remote.content(standin.driveId, state!.remoteId!);
    standin.s.remote.editContent(standin.driveId, state!.remoteId!, docx, "Ivy Clerk");
    // Meanwhile in Accord: a change queued for upload.
    await enqueueGraphSync({ ...system(), actor: priya.actor }, { itemType: "document", itemId: created.id, spaceId: s.spaceId("Operation Kestrel"), kind: "upload" });
    await db.update(t.graphItems).set({ syncedVersion: "doc:older" }).where(eq(t.graphItems.id, state!.id));
    const result = await deliver();
    expect(result.conflicts).toBe(1);
    const flagged = await itemState("document", created.id);
    expect(flagged?.status).toBe("conflict");
    const remoteVersions = await db.select().from(t.documentVersions).where(and(eq(t.documentVersions.documentId, created.id), eq(t.documentVersions.kind, "remote")));
    expect(remoteVersions).toHaveLength(1);
    expect(flagged?.reviewVersionId).toBe(remoteVersions[0]!.id);
  });
});

describe("retention in SharePoint", () => {
  it("a label applied in Accord is applied to the driveItem", async () => {
    const janet = await ctxOf("janet.okafor@dcp.example");
    const logId = s.documentId("Investigation log");
    const [label] = await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.agencyId, s.agencyId("DCP"))).limit(1);
    await applyRetentionLabel(janet, { itemType: "document", itemId: logId, labelId: label!.id });
    await deliver();
    const state = await itemState("document", logId);
    expect(state?.remoteLabel).toBe(label!.name);
    expect(standin.s.remote.get(standin.driveId, state!.remoteId!)?.retentionLabel?.name).toBe(label!.name);
  });

  it("a deletion in Accord deletes remotely; a record lock's refusal is kept with SharePoint's reason", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    const kestrel = s.spaceId("Operation Kestrel");
    const gone = await createDocument(priya, { spaceId: kestrel, title: "Draft to delete" });
    const kept = await createDocument(priya, { spaceId: kestrel, title: "Locked in SharePoint" });
    await deliver();
    const goneState = await itemState("document", gone.id);
    const keptState = await itemState("document", kept.id);
    standin.s.remote.setRecordLocked(standin.driveId, keptState!.remoteId!, true);
    await deleteDocument(priya, { documentId: gone.id });
    await deleteDocument(priya, { documentId: kept.id });
    await deliver();
    expect(standin.s.remote.get(standin.driveId, goneState!.remoteId!)).toBeNull();
    expect((await itemState("document", gone.id))?.status).toBe("removed");
    const refused = await itemState("document", kept.id);
    expect(refused).toMatchObject({ status: "failed", lastErrorCode: "retention_refused" });
    expect(refused?.lastError).toContain("SharePoint refused to delete it");
    expect(standin.s.remote.get(standin.driveId, keptState!.remoteId!)).not.toBeNull();
    const [row] = await db.select().from(t.graphOutbox).where(and(eq(t.graphOutbox.itemId, kept.id), eq(t.graphOutbox.kind, "delete")));
    expect(row?.state).toBe("failed");
  });
});
