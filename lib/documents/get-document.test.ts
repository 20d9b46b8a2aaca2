/** Reading one document: invisible is 404 like missing, and marked reads and denials are audited. */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { buildActor, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { NotFoundError } from "../errors";
import { getDocument } from "./get-document";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const eventsOf = (requestId: string) => db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));

describe("getDocument", () => {
  it("gives Alex the Kestrel investigation log under ISA-SW-001, with his permissions, and audits the consultation", async () => {
    const ctx = await ctxOf("alex.morgan@dor.example");
    const doc = await getDocument(ctx, { documentId: s.documentId("Investigation log") });
    expect(doc).toMatchObject({
      title: "Investigation log",
      marking: "OFFICIAL-SENSITIVE PERSONAL DATA",
      owningAgency: { code: "DCP" },
      permissions: { canUpdate: true, canRemark: false, canShare: false, canDelete: false },
    });
    const [event] = await eventsOf(ctx.requestId);
    expect(event).toMatchObject({ action: "document.read", outcome: "success", markingBefore: "OFFICIAL-SENSITIVE PERSONAL DATA" });
    expect(event!.details).toMatchObject({ crossAgency: true });
  });

  it("answers Alex's request for the MASH minutes exactly as for a missing document, and audits the denial", async () => {
    const ctx = await ctxOf("alex.morgan@dor.example");
    const denied = await getDocument(ctx, { documentId: s.documentId("Strategy meeting minutes") }).catch((e: unknown) => e);
    const missing = await getDocument(ctx, { documentId: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((denied as Error).message).toBe((missing as Error).message);
    const events = await eventsOf(ctx.requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "document.read", outcome: "denied", subjectId: s.documentId("Strategy meeting minutes") });
  });

  it("does not audit reading OFFICIAL material", async () => {
    const ctx = await ctxOf("mark.ellis@dcp.example");
    await getDocument(ctx, { documentId: s.documentId("Press lines") });
    expect(await eventsOf(ctx.requestId)).toHaveLength(0);
  });

  it("refuses Mark the investigation log (expired vetting) and Ben the strategy minutes (BPSS)", async () => {
    await expect(getDocument(await ctxOf("mark.ellis@dcp.example"), { documentId: s.documentId("Investigation log") })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getDocument(await ctxOf("ben.lowe@cc.example"), { documentId: s.documentId("Strategy meeting minutes") })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getDocument(await ctxOf("ben.lowe@cc.example"), { documentId: s.documentId("Agency contact list") })).resolves.toMatchObject({
      title: "Agency contact list",
    });
  });
});
