/** Creating a document: default and chosen markings, the space's and deployment's ceilings, who may, and the audit row. */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { createDocument } from "./create-document";
import { listDocuments } from "./list-documents";
import { getDocumentCreateOptions } from "./get-document-create-options";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const count = async () => (await db.select({ id: t.documents.id }).from(t.documents)).length;

describe("createDocument", () => {
  it("creates a document with the space's default marking, owned by the creator's agency, audited, and listed for members", async () => {
    const kestrel = s.spaceId("Operation Kestrel");
    const priya = await ctxOf("priya.shah@dcp.example");
    const { id, marking } = await createDocument(priya, { spaceId: kestrel, title: "  Witness list  " });
    const [row] = await db.select().from(t.documents).where(eq(t.documents.id, id));
    expect(row).toMatchObject({ title: "Witness list", spaceId: kestrel, owningAgencyId: s.agencyId("DCP"), createdBy: s.userId("priya.shah@dcp.example") });
    const [space] = await db.select().from(t.spaces).where(eq(t.spaces.id, kestrel));
    expect(marking).toBe(space!.defaultMarking);
    const [audit] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "document.create"), eq(t.auditEvents.subjectId, id)));
    expect(audit).toMatchObject({ actorUserId: s.userId("priya.shah@dcp.example"), spaceId: kestrel, markingAfter: marking });
    // Alex (DOR, a guest under ISA-SW-001) sees it in his list at once.
    const alexList = await listDocuments(await ctxOf("alex.morgan@dor.example"), {});
    expect(alexList.items.map((d) => d.title)).toContain("Witness list");
  });

  it("takes a chosen marking within the space's ceiling, in its canonical form", async () => {
    const { marking } = await createDocument(await ctxOf("priya.shah@dcp.example"), { spaceId: s.spaceId("Operation Kestrel"), title: "Suspect profile", marking: "official-sensitive personal data" });
    expect(marking).toBe("OFFICIAL-SENSITIVE PERSONAL DATA");
  });

  it.each([
    ["above the space's ceiling", "DCP Training", "OFFICIAL-SENSITIVE", /holds nothing above OFFICIAL/],
    ["above the deployment's ceiling", "Operation Kestrel", "SECRET", /accredited only up to/],
    ["not a marking", "Operation Kestrel", "CONFIDENTIAL", /./],
  ])("refuses a marking %s and stores nothing", async (_label, space, marking, message) => {
    const before = await count();
    await expect(createDocument(await ctxOf("priya.shah@dcp.example"), { spaceId: s.spaceId(space), title: "Nope", marking })).rejects.toThrow(message);
    expect(await count()).toBe(before);
  });

  it("refuses an empty or overlong title", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    await expect(createDocument(priya, { spaceId: s.spaceId("Operation Kestrel"), title: "   " })).rejects.toThrow();
    await expect(createDocument(priya, { spaceId: s.spaceId("Operation Kestrel"), title: "x".repeat(201) })).rejects.toThrow();
  });

  it("answers 404 for a space the person cannot see, and 403 where they may read but not write", async () => {
    const before = await count();
    await expect(createDocument(await ctxOf("alex.morgan@dor.example"), { spaceId: s.spaceId("Cornwall MASH: referral 2026-0412"), title: "Probe" })).rejects.toMatchObject({ status: 404 });
    // Mark's vetting has expired: he may read Kestrel's OFFICIAL documents but not create OFFICIAL-SENSITIVE ones.
    await expect(
      createDocument(await ctxOf("mark.ellis@dcp.example"), { spaceId: s.spaceId("Operation Kestrel"), title: "Probe", marking: "OFFICIAL-SENSITIVE" }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await count()).toBe(before);
  });
  it("offers each person exactly the markings they may create in the space, default first when allowed", async () => {
    const kestrel = s.spaceId("Operation Kestrel");
    const priya = await getDocumentCreateOptions(await ctxOf("priya.shah@dcp.example"), { spaceId: kestrel });
    expect(priya.markings).toEqual(["OFFICIAL", "OFFICIAL PERSONAL DATA", "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE PERSONAL DATA"]);
    // Mark's vetting has expired: OFFICIAL only, so the form never offers what createDocument refuses him.
    const mark = await getDocumentCreateOptions(await ctxOf("mark.ellis@dcp.example"), { spaceId: kestrel });
    expect(mark.markings.every((m) => m.startsWith("OFFICIAL") && !m.startsWith("OFFICIAL-SENSITIVE"))).toBe(true);
    expect(mark.markings.length).toBeGreaterThan(0);
    await expect(getDocumentCreateOptions(await ctxOf("alex.morgan@dor.example"), { spaceId: s.spaceId("Cornwall MASH: referral 2026-0412") })).rejects.toMatchObject({ status: 404 });
  });
});
