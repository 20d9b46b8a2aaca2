/**
 * A document's content for server-side rendering, and every export of it: the same read check as
 * the metadata (invisible is 404, like missing), content cleaned on the way out, and each export
 * audited as a disclosure (DPA 2018 s.62) in the caller's context.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "@/db/client";
import { auditEvents, documentStates } from "@/db/schema";
import { buildActor, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { InvalidInputError, NotFoundError } from "../errors";
import { stateFromDocumentJson } from "../collab/yjs-content";
import { yjsUpdate } from "../editor/xss-corpus";
import { getDocumentContent } from "./get-document-content";
import { exportDocument } from "./export-document";
import { getDocumentPrintView } from "./get-document-print-view";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFilename } from "./export-file";
import { wordText, zipEntries } from "./export-test-support";

let db: Db;
let s: SeededScenario;

openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const eventsOf = (requestId: string) => db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
const exportsOf = (requestId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.action, "document.export")));

const LOG_CONTENT = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Timeline" }] },
    { type: "paragraph", content: [{ type: "text", text: "09:14 call received from the school." }] },
  ],
};

async function storeState(documentId: string, state: Uint8Array, revision = 1) {
  await db.delete(documentStates).where(eq(documentStates.documentId, documentId));
  await db.insert(documentStates).values({ documentId, state, revision });
}

describe("getDocumentContent", () => {
  it("gives Alex the Kestrel investigation log with its content, through getDocument's check and audit", async () => {
    const documentId = s.documentId("Investigation log");
    await storeState(documentId, stateFromDocumentJson(LOG_CONTENT), 7);
    const ctx = await ctxOf("alex.morgan@dor.example");
    const doc = await getDocumentContent(ctx, { documentId });
    expect(doc).toMatchObject({ id: documentId, title: "Investigation log", marking: "OFFICIAL-SENSITIVE PERSONAL DATA", revision: 7 });
    expect(doc.content).toEqual(LOG_CONTENT);
    expect(await eventsOf(ctx.requestId)).toMatchObject([{ action: "document.read", outcome: "success", subjectId: documentId }]);
  });

  it("reads a document nobody has written in as empty", async () => {
    const ctx = await ctxOf("priya.shah@dcp.example");
    const doc = await getDocumentContent(ctx, { documentId: s.documentId("Press lines") });
    expect(doc.content).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(doc.revision).toBeNull();
  });

  it("cleans content a hostile client stored", async () => {
    const documentId = s.documentId("Agency contact list");
    const hostile = yjsUpdate((f) => {
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      f.push([p, new Y.XmlElement("script")]);
      p.push([text]);
      text.insert(0, "click", { link: { href: "javascript:alert(1)" } });
    });
    await storeState(documentId, hostile);
    const doc = await getDocumentContent(await ctxOf("helen.carter@cc.example"), { documentId });
    expect(doc.content).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "click" }] }] });
  });

  it("answers Alex's request for the MASH minutes as for a missing document, without loading their content", async () => {
    const ctx = await ctxOf("alex.morgan@dor.example");
    const denied = await getDocumentContent(ctx, { documentId: s.documentId("Strategy meeting minutes") }).catch((e: unknown) => e);
    const missing = await getDocumentContent(ctx, { documentId: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(NotFoundError);
    expect((denied as Error).message).toBe((missing as Error).message);
    expect(await eventsOf(ctx.requestId)).toMatchObject([{ action: "document.read", outcome: "denied" }]);
  });

  it("refuses Mark (expired vetting) the investigation log and Ben (BPSS) the strategy minutes", async () => {
    await expect(getDocumentContent(await ctxOf("mark.ellis@dcp.example"), { documentId: s.documentId("Investigation log") })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDocumentContent(await ctxOf("ben.lowe@cc.example"), { documentId: s.documentId("Strategy meeting minutes") })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("exportDocument", () => {
  it.each(EXPORT_FORMATS)("exports the investigation log for Priya as %s, and audits the disclosure with its format", async (format) => {
    const documentId = s.documentId("Investigation log");
    await storeState(documentId, stateFromDocumentJson(LOG_CONTENT));
    const ctx = await ctxOf("priya.shah@dcp.example");
    const file = await exportDocument(ctx, { documentId, format });
    expect(file).toMatchObject({ filename: exportFilename("Investigation log", format), contentType: EXPORT_CONTENT_TYPES[format] });
    expect(file.filename).toBe(`Investigation log.${format}`);
    expect(file.body.byteLength).toBeGreaterThan(500);
    const [event] = await exportsOf(ctx.requestId);
    expect(event).toMatchObject({
      action: "document.export",
      outcome: "success",
      subjectType: "document",
      subjectId: documentId,
      spaceId: s.spaceId("Operation Kestrel"),
      actorUserId: s.userId("priya.shah@dcp.example"),
      agencyId: s.agencyId("DCP"),
      markingBefore: "OFFICIAL-SENSITIVE PERSONAL DATA",
    });
    expect(event!.details).toEqual({ format, bytes: file.body.byteLength, crossAgency: false });
  });

  it("puts the stored content and the marking into the file", async () => {
    const documentId = s.documentId("Investigation log");
    await storeState(documentId, stateFromDocumentJson(LOG_CONTENT));
    const file = await exportDocument(await ctxOf("alex.morgan@dor.example"), { documentId, format: "docx" });
    const parts = zipEntries(file.body);
    expect(wordText(parts.get("word/document.xml")!)).toContain("09:14 call received from the school.");
    expect(wordText(parts.get("word/header1.xml")!)).toBe("OFFICIAL-SENSITIVE PERSONAL DATA");
  });

  it("records Alex's export of a DCP document as cross-agency", async () => {
    const ctx = await ctxOf("alex.morgan@dor.example");
    await exportDocument(ctx, { documentId: s.documentId("Investigation log"), format: "pdf" });
    const [event] = await exportsOf(ctx.requestId);
    expect(event!.details).toMatchObject({ format: "pdf", crossAgency: true });
  });

  it("gives Alex a 404 for the MASH minutes and records no export", async () => {
    const ctx = await ctxOf("alex.morgan@dor.example");
    await expect(exportDocument(ctx, { documentId: s.documentId("Strategy meeting minutes"), format: "docx" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await exportsOf(ctx.requestId)).toHaveLength(0);
    expect(await eventsOf(ctx.requestId)).toMatchObject([{ action: "document.read", outcome: "denied" }]);
  });

  it("refuses an unknown format before looking at the document, so the answer says nothing about it", async () => {
    const ctx = await ctxOf("alex.morgan@dor.example");
    for (const format of ["exe", "", null, "DOCX", "docx "]) {
      await expect(exportDocument(ctx, { documentId: s.documentId("Strategy meeting minutes"), format })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(exportDocument(ctx, { documentId: s.documentId("Investigation log"), format })).rejects.toBeInstanceOf(InvalidInputError);
    }
    expect(await eventsOf(ctx.requestId)).toHaveLength(0);
  });
});

describe("getDocumentPrintView", () => {
  it("renders the content as sanitized HTML and audits the print as an export", async () => {
    const documentId = s.documentId("Investigation log");
    await storeState(documentId, stateFromDocumentJson(LOG_CONTENT));
    const ctx = await ctxOf("tom.hughes@dcp.example");
    const view = await getDocumentPrintView(ctx, { documentId });
    expect(view.document).toMatchObject({ id: documentId, marking: "OFFICIAL-SENSITIVE PERSONAL DATA" });
    expect(view.html).toBe("<h2>Timeline</h2><p>09:14 call received from the school.</p>");
    expect(view.stamp).toMatchObject({ exportedBy: "PC Tom Hughes" });
    const [event] = await exportsOf(ctx.requestId);
    expect(event).toMatchObject({ subjectId: documentId, markingBefore: "OFFICIAL-SENSITIVE PERSONAL DATA" });
    expect(event!.details).toEqual({ format: "print", crossAgency: false });
  });

  it("is not found for Alex at the MASH minutes, and records no export", async () => {
    const ctx = await ctxOf("alex.morgan@dor.example");
    await expect(getDocumentPrintView(ctx, { documentId: s.documentId("Strategy meeting minutes") })).rejects.toBeInstanceOf(NotFoundError);
    expect(await exportsOf(ctx.requestId)).toHaveLength(0);
  });
});
