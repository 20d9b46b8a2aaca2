/** Re-marking: originating agency only, valid markings within both ceilings, justified lowering. */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, documents } from "@/db/schema";
import { buildActor, buildDocument, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { remarkDocument } from "./remark-document";
import { getDocument } from "./get-document";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const row = async (id: string) => (await db.select().from(documents).where(eq(documents.id, id)))[0]!;
const freshDoc = (space: string, marking = "OFFICIAL", owner = "DCP") =>
  buildDocument(db, { spaceId: s.spaceId(space), owningAgencyId: s.agencyId(owner), marking, title: `Doc ${Math.random()}` });

describe("remarkDocument", () => {
  it("lets Priya raise a DCP document and audits the marking before and after", async () => {
    const doc = await freshDoc("Operation Kestrel");
    const ctx = await ctxOf("priya.shah@dcp.example");
    expect(await remarkDocument(ctx, { documentId: doc.id, marking: "official-sensitive personal data" })).toEqual({
      marking: "OFFICIAL-SENSITIVE PERSONAL DATA",
    });
    const after = await row(doc.id);
    expect(after).toMatchObject({ marking: "OFFICIAL-SENSITIVE PERSONAL DATA", markingRank: 2, descriptors: ["PERSONAL DATA"], handling: "" });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
    expect(event).toMatchObject({ action: "document.remark", markingBefore: "OFFICIAL", markingAfter: "OFFICIAL-SENSITIVE PERSONAL DATA" });
  });

  it("lets Alex (Dorset), an editor, raise a DCP document, and refuses him lowering it: 403, row unchanged", async () => {
    const alex = await ctxOf("alex.morgan@dor.example");
    const doc = await freshDoc("Operation Kestrel");
    await expect(remarkDocument(alex, { documentId: doc.id, marking: "OFFICIAL-SENSITIVE" })).resolves.toEqual({ marking: "OFFICIAL-SENSITIVE" });
    await expect(remarkDocument(alex, { documentId: doc.id, marking: "OFFICIAL", justification: "Not sensitive after all, I think" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await row(doc.id)).marking).toBe("OFFICIAL-SENSITIVE");
    // Nor may he change the audience (a handling instruction is not a raise).
    await expect(remarkDocument(alex, { documentId: doc.id, marking: "OFFICIAL-SENSITIVE DCP USE ONLY" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await row(doc.id)).marking).toBe("OFFICIAL-SENSITIVE");
  });

  it("answers 404 to someone who cannot see the document, and for a malformed id", async () => {
    const doc = await freshDoc("Operation Kestrel");
    const helen = await ctxOf("helen.carter@cc.example");
    await expect(remarkDocument(helen, { documentId: doc.id, marking: "OFFICIAL" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(remarkDocument(helen, { documentId: "not-a-uuid", marking: "OFFICIAL" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    ["SECRET", /accredited only up to/],
    ["TOP SECRET", /accredited only up to/],
    ["OFFICIAL-SENSITIVE FOR PUBLIC RELEASE", /FOR PUBLIC RELEASE/],
    ["OFFICIAL RECIPIENTS ONLY", /RECIPIENTS ONLY/],
    ["OFFICIAL-SENSITIVE UK EYES ONLY", /national caveat/],
    ["UNCLASSIFIED", /starts with OFFICIAL/],
    ["OFFICIAL BANANA", /not part of a marking/],
  ])("refuses %j with a clear message and changes nothing", async (marking, message) => {
    const doc = await freshDoc("Operation Kestrel");
    const attempt = remarkDocument(await ctxOf("priya.shah@dcp.example"), { documentId: doc.id, marking });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(message);
    expect((await row(doc.id)).marking).toBe("OFFICIAL");
  });

  it("keeps to the space's own ceiling", async () => {
    const doc = await freshDoc("DCP Training");
    await expect(remarkDocument(await ctxOf("priya.shah@dcp.example"), { documentId: doc.id, marking: "OFFICIAL-SENSITIVE" })).rejects.toThrow(
      /nothing above OFFICIAL/,
    );
  });

  it("needs a written justification to lower a marking, and records it", async () => {
    const doc = await freshDoc("Operation Kestrel", "OFFICIAL-SENSITIVE PERSONAL DATA");
    const priya = await ctxOf("priya.shah@dcp.example");
    await expect(remarkDocument(priya, { documentId: doc.id, marking: "OFFICIAL" })).rejects.toThrow(/justification/);
    expect((await row(doc.id)).marking).toBe("OFFICIAL-SENSITIVE PERSONAL DATA");
    await remarkDocument(priya, { documentId: doc.id, marking: "OFFICIAL", justification: "Published in the press release of 20 Nov" });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, priya.requestId), eq(auditEvents.action, "document.remark")));
    expect(event).toMatchObject({ justification: "Published in the press release of 20 Nov", markingAfter: "OFFICIAL" });
  });

  it("refuses HMG USE ONLY in a space shared with a council (not HMG)", async () => {
    const doc = await freshDoc("Cornwall MASH: referral 2026-0412");
    await expect(
      remarkDocument(await ctxOf("priya.shah@dcp.example"), { documentId: doc.id, marking: "OFFICIAL-SENSITIVE HMG USE ONLY" }),
    ).rejects.toThrow(/outside HMG/);
  });

  it("RECIPIENTS ONLY: recipients must be members, and then only they can read it", async () => {
    const doc = await freshDoc("Operation Kestrel");
    const priya = await ctxOf("priya.shah@dcp.example");
    await expect(
      remarkDocument(priya, { documentId: doc.id, marking: "OFFICIAL-SENSITIVE RECIPIENTS ONLY", recipientIds: [s.userId("helen.carter@cc.example")] }),
    ).rejects.toThrow(/member of the space/);
    await remarkDocument(priya, {
      documentId: doc.id,
      marking: "OFFICIAL-SENSITIVE RECIPIENTS ONLY",
      recipientIds: [s.userId("priya.shah@dcp.example"), s.userId("alex.morgan@dor.example")],
    });
    await expect(getDocument(await ctxOf("alex.morgan@dor.example"), { documentId: doc.id })).resolves.toMatchObject({ handling: "RECIPIENTS ONLY" });
    await expect(getDocument(await ctxOf("tom.hughes@dcp.example"), { documentId: doc.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});
