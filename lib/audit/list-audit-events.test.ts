/**
 * Browsing and exporting the audit trail: an agency's auditors and administrators see their own
 * agency's events and no other's, filtered as asked; everyone else is refused. The export holds
 * exactly what the browser shows, as CSV (formulas defused) or JSON, and is itself audited.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { Db } from "@/db/client";
import { buildActor, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { ForbiddenError, InvalidInputError } from "../errors";
import { getDocument } from "../documents/get-document";
import { recordAudit } from "./record-audit";
import { listAuditEvents } from "./list-audit-events";
import { csvField, exportAuditEvents } from "./export-audit-events";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

describe("listAuditEvents", () => {
  it("gives Sam DCP's people's events and partners' events in DCP's spaces, newest first, a page at a time", async () => {
    const helen = await ctxOf("helen.carter@cc.example");
    await getDocument(helen, { documentId: s.documentId("Strategy meeting minutes") });
    const sam = await ctxOf("sam.patel@dcp.example");
    const all = await db
      .select({ id: t.auditEvents.id, agencyId: t.auditEvents.agencyId, owner: t.spaces.ownerAgencyId })
      .from(t.auditEvents)
      .leftJoin(t.spaces, eq(t.spaces.id, t.auditEvents.spaceId));
    const dcp = all.filter((e) => e.agencyId === s.agencyId("DCP") || e.owner === s.agencyId("DCP")).map((e) => e.id).sort((a, b) => b - a);
    // Cornwall Council's own events outside DCP's spaces (its token, its sign-ins) exist, and Sam must not get them.
    await recordAudit(helen, { action: "token.create", subjectType: "token", subjectId: "t-1" });
    expect(all.some((e) => e.agencyId === s.agencyId("CC") && e.owner === s.agencyId("DCP"))).toBe(true);

    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listAuditEvents(sam, { before, limit: 7 });
      seen.push(...page.items.map((e) => e.id));
      if (page.next === null) break;
      before = page.next;
    }
    expect(seen).toEqual(dcp);
    expect(seen.length).toBeGreaterThan(0);

    // Helen's consultation of DCP's minutes, with her agency named; only partners' events under "partners".
    const partners = await listAuditEvents(sam, { by: "partners", limit: 500 });
    expect(partners.items.find((e) => e.requestId === helen.requestId)).toMatchObject({ action: "document.read", agency: { name: "Cornwall Council" }, actor: { name: "Helen Carter" } });
    for (const e of partners.items) expect(e.agency?.id).not.toBe(s.agencyId("DCP"));
    expect(partners.items.some((e) => e.action === "token.create")).toBe(false);
    for (const e of (await listAuditEvents(sam, { by: "us", limit: 500 })).items) expect(e.agency?.id).toBe(s.agencyId("DCP"));
  });

  it("filters by kind, action, person, subject and day", async () => {
    const tom = await ctxOf("tom.hughes@dcp.example");
    await getDocument(tom, { documentId: s.documentId("Investigation log") });
    const sam = await ctxOf("sam.patel@dcp.example");

    const consultations = await listAuditEvents(sam, { kind: "consultation", actor: "Tom Hughes" });
    expect(consultations.items.length).toBeGreaterThan(0);
    for (const e of consultations.items) expect(e).toMatchObject({ kind: "consultation", actor: { name: "PC Tom Hughes" } });
    expect(consultations.items[0]).toMatchObject({ action: "document.read", subjectId: s.documentId("Investigation log"), space: { name: "Operation Kestrel" }, requestId: tom.requestId });

    // An action names itself or its namespace.
    const byNamespace = await listAuditEvents(sam, { action: "document" });
    expect(byNamespace.items.length).toBeGreaterThan(0);
    for (const e of byNamespace.items) expect(e.action.startsWith("document.")).toBe(true);

    const bySubject = await listAuditEvents(sam, { subjectType: "document", subjectId: s.documentId("Investigation log") });
    for (const e of bySubject.items) expect(e.subjectId).toBe(s.documentId("Investigation log"));

    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents(sam, { from: today, to: today, actor: "tom" })).items.length).toBeGreaterThan(0);
    expect((await listAuditEvents(sam, { from: "2000-01-01", to: "2000-01-02" })).items).toEqual([]);
    await expect(listAuditEvents(sam, { from: "2026-02-02", to: "2026-02-01" })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(listAuditEvents(sam, { kind: "gossip" })).rejects.toBeInstanceOf(InvalidInputError);
    // A wildcard in a person's name is a character, not a pattern.
    expect((await listAuditEvents(sam, { actor: "%" })).items).toEqual([]);
  });

  it("refuses investigators and partner practitioners", async () => {
    await expect(listAuditEvents(await ctxOf("priya.shah@dcp.example"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditEvents(await ctxOf("helen.carter@cc.example"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportAuditEvents(await ctxOf("tom.hughes@dcp.example"), { format: "csv" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lets an auditor read the trail", async () => {
    const auditor = await buildUser(db, { agencyId: s.agencyId("DOR"), roles: ["auditor"] });
    const page = await listAuditEvents(await policyCtx(db, await buildActor(db, auditor.id)), { limit: 500 });
    // Dorset owns no space: its auditor sees its own people's events, nothing of the MASH space.
    const ids = new Set((await db.select({ id: t.auditEvents.id }).from(t.auditEvents).where(eq(t.auditEvents.agencyId, s.agencyId("DOR")))).map((r) => r.id));
    expect(ids.size).toBeGreaterThan(0);
    expect(new Set(page.items.map((e) => e.id))).toEqual(ids);
  });
});

describe("exportAuditEvents", () => {
  it("exports the filtered events oldest first as CSV and JSON, and records the export", async () => {
    const sam = await ctxOf("sam.patel@dcp.example");
    const shown = (await listAuditEvents(sam, { kind: "consultation", limit: 500 })).items;
    expect(shown.length).toBeGreaterThan(0);

    const csv = await exportAuditEvents(sam, { kind: "consultation", format: "csv" });
    const lines = new TextDecoder().decode(csv.body).trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,kind,action,outcome,actor,actorEmail,agency,subjectType,subjectId,space,markingBefore,markingAfter,justification,requestId,chainSeq,hash,details");
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(shown.map((e) => e.id).reverse());
    expect(csv).toMatchObject({ filename: expect.stringMatching(/^audit-DCP-\d{4}-\d{2}-\d{2}\.csv$/), contentType: "text/csv; charset=utf-8", count: shown.length });

    const json = await exportAuditEvents(sam, { kind: "consultation", format: "json" });
    const parsed = JSON.parse(new TextDecoder().decode(json.body)) as { agency: string; events: { id: number; hash: string }[] };
    expect(parsed.agency).toBe("DCP");
    expect(parsed.events.map((e) => e.id)).toEqual(shown.map((e) => e.id).reverse());
    for (const e of parsed.events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);

    const recorded = await db.select().from(t.auditEvents).where(eq(t.auditEvents.requestId, sam.requestId));
    expect(recorded.map((e) => e.details)).toEqual([
      { format: "csv", filters: { kind: "consultation" }, count: shown.length },
      { format: "json", filters: { kind: "consultation" }, count: shown.length },
    ]);
  });

  it("keeps a spreadsheet from running a cell as a formula, and quotes what must be quoted", async () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField(null)).toBe("");
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
    const sam = await ctxOf("sam.patel@dcp.example");
    await recordAudit(sam, { action: "document.read", subjectType: "document", subjectId: "=1+1", details: {} });
    const csv = new TextDecoder().decode((await exportAuditEvents(sam, { subjectId: "=1+1", format: "csv" })).body);
    expect(csv).toContain(",'=1+1,");
  });
});
