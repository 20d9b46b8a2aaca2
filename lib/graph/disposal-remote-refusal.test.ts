/**
 * A disposal's remote delete, as the certificate shows it (issue 8 × issue 9), against the Graph
 * stand-in over real HTTPS (as graph-sync.test.ts's record-locked test): two mirrored Kestrel
 * documents are disposed of; before delivery both certificates say "deletion pending"; SharePoint
 * deletes one and refuses the other, which is locked as a record there (423): its certificate says
 * refused, with SharePoint's reason and when, the other deleted and when; the certificate rows
 * themselves are unchanged. Released in SharePoint and retried, the refused one shows deleted.
 * Someone who may not read certificates gets none (and so no SharePoint line either).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, testCtx, type SeededScenario } from "@/db/factories";
import { startTestStandin, type TestStandin } from "@/graph-standin/testing";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { createDocument } from "../documents/create-document";
import { disposeRecordItem } from "../records/dispose-record-item";
import { listDisposalCertificates } from "../records/list-disposal-certificates";
import { saveGraphConnection } from "./save-graph-connection";
import { deliverGraphOutbox } from "./deliver-graph-outbox";
import { retryGraphSync } from "./retry-graph-sync";
import { overrideGraphSettings } from "./graph-settings";
import { resetGates } from "./throttle-gate";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
temporaryFileServicesForFile({ maxUploadBytes: 1024 * 1024 });

const CLIENT = "6a1b2c3d-0000-4000-8000-00000000dc01";
const SECRET = "accord-demo-secret";
const SAM = "sam.patel@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const JANET = "janet.okafor@dcp.example";
const TOM = "tom.hughes@dcp.example";
let standin: TestStandin;

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const system = () => testCtx(db, null);
const deliver = () => deliverGraphOutbox(system(), { leaseSeconds: 0 });
const itemState = async (itemId: string) => (await db.select().from(t.graphItems).where(and(eq(t.graphItems.itemType, "document"), eq(t.graphItems.itemId, itemId))))[0];
const certificateOf = async (email: string, itemId: string) => (await listDisposalCertificates(await ctxOf(email), { limit: 500 })).items.find((c) => c.itemId === itemId);

beforeAll(async () => {
  standin = await startTestStandin();
  overrideGraphSettings({ url: standin.s.url, loginUrl: standin.s.url, ruPerMinute: 600_000 });
  resetGates();
}, 60_000);
afterAll(async () => {
  overrideGraphSettings(undefined);
  await standin?.s.close();
});

/** An approved record item for the document under a delete-without-review label of DCP's (what the sweep would dispose of). */
async function approvedForDisposal(documentId: string): Promise<string> {
  const [label] = await db
    .insert(t.retentionLabels)
    .values({ agencyId: s.agencyId("DCP"), reference: `T-${randomBytes(4).toString("hex")}`, name: "Delete at once", trigger: "labelled", periodYears: 0, action: "delete", reviewStages: [] })
    .returning();
  const [item] = await db
    .insert(t.recordItems)
    .values({ itemType: "document", itemId: documentId, spaceId: s.spaceId("Operation Kestrel"), owningAgencyId: s.agencyId("DCP"), labelId: label!.id, appliedHow: "manual", dueOn: "2020-01-01", state: "approved" })
    .returning();
  return item!.id;
}

describe("a disposed item's SharePoint copy, on its certificate", () => {
  it("shows pending, then deleted or refused with SharePoint's reason and when; retried after release, deleted", async () => {
    await saveGraphConnection(await ctxOf(SAM), { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: SECRET, siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
    const priya = await ctxOf(PRIYA);
    const kestrel = s.spaceId("Operation Kestrel");
    const gone = await createDocument(priya, { spaceId: kestrel, title: "Disposed and deleted", marking: "OFFICIAL" });
    const locked = await createDocument(priya, { spaceId: kestrel, title: "Disposed but locked", marking: "OFFICIAL" });
    await deliver();
    const goneRemote = (await itemState(gone.id))!;
    const lockedRemote = (await itemState(locked.id))!;
    expect([goneRemote.status, lockedRemote.status]).toEqual(["synced", "synced"]);
    standin.s.remote.setRecordLocked(standin.driveId, lockedRemote.remoteId!, true);

    for (const id of [gone.id, locked.id]) expect(await disposeRecordItem(system(), { recordItemId: await approvedForDisposal(id) })).not.toBeNull();
    const certificatesBefore = await db.select().from(t.disposalCertificates).where(inArray(t.disposalCertificates.itemId, [gone.id, locked.id]));
    expect(certificatesBefore).toHaveLength(2);

    // Queued with the disposal, not yet delivered.
    expect((await certificateOf(JANET, gone.id))?.sharePoint).toMatchObject({ state: "pending", at: null });
    expect((await certificateOf(JANET, locked.id))?.sharePoint).toMatchObject({ state: "pending", at: null });

    const before = Date.now();
    await deliver();
    expect(standin.s.remote.get(standin.driveId, goneRemote.remoteId!)).toBeNull();
    expect(standin.s.remote.get(standin.driveId, lockedRemote.remoteId!)).not.toBeNull();

    const deleted = (await certificateOf(JANET, gone.id))?.sharePoint;
    expect(deleted).toMatchObject({ state: "deleted", reason: null });
    expect(Date.parse(deleted!.at!)).toBeGreaterThanOrEqual(before - 1000);

    const refused = (await certificateOf(JANET, locked.id))?.sharePoint;
    expect(refused).toMatchObject({ state: "refused", code: "retention_refused" });
    expect(refused?.reason).toContain("SharePoint refused to delete it");
    expect(refused?.reason).toBe((await itemState(locked.id))?.lastError);
    expect(Date.parse(refused!.at!)).toBeGreaterThanOrEqual(before - 1000);

    // The certificates are the proof as written: the SharePoint line is read beside them, never into them.
    const certificatesAfter = await db.select().from(t.disposalCertificates).where(inArray(t.disposalCertificates.itemId, [gone.id, locked.id]));
    expect(certificatesAfter).toEqual(certificatesBefore);

    // Released in SharePoint (Purview), then retried by the administrator: deleted.
    standin.s.remote.setRecordLocked(standin.driveId, lockedRemote.remoteId!, false);
    const [failedRow] = await db.select().from(t.graphOutbox).where(and(eq(t.graphOutbox.itemId, locked.id), eq(t.graphOutbox.kind, "delete")));
    expect(failedRow?.state).toBe("failed");
    await retryGraphSync(await ctxOf(SAM), { outboxId: failedRow!.id });
    expect((await certificateOf(JANET, locked.id))?.sharePoint?.state).toBe("pending");
    await deliver();
    expect(standin.s.remote.get(standin.driveId, lockedRemote.remoteId!)).toBeNull();
    expect((await certificateOf(JANET, locked.id))?.sharePoint).toMatchObject({ state: "deleted", reason: null });
  });

  it("gives no certificate, so no SharePoint line, to someone who may not read certificates", async () => {
    const tom = await listDisposalCertificates(await ctxOf(TOM), { limit: 500 });
    expect(tom.items).toEqual([]);
  });
});
