/**
 * Who sees, downloads and deletes which file, as the people of the demo scenario: lists filtered
 * in SQL, invisible files answering exactly like missing ones (and the attempt audited), downloads
 * served with safe headers and OFFICIAL-SENSITIVE downloads audited, deletes by the space owner
 * only, a forbidden delete leaving the row and its bytes as they were.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, files } from "@/db/schema";
import { buildActor, buildMembership, buildUser, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { ForbiddenError, NotFoundError } from "../errors";
import { fileColumns } from "../authz/columns";
import { deleteFile } from "./delete-file";
import { downloadHeaders } from "./download-headers";
import { getFile } from "./get-file";
import { listFiles } from "./list-files";
import { readFileContent } from "./read-file-content";
import { uploadFile } from "./upload-file";
import type { FileView } from "./file-view";
import { pdfFile, textFile } from "./testing/file-fixtures";
import { temporaryFileServicesForFile } from "./testing/temporary-file-services";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts), and a blob folder.
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});
const blobs = temporaryFileServicesForFile({ maxUploadBytes: 1024 * 1024 });

const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";
const EMAILS = {
  priya: "priya.shah@dcp.example",
  tom: "tom.hughes@dcp.example",
  mark: "mark.ellis@dcp.example",
  janet: "janet.okafor@dcp.example",
  alex: "alex.morgan@dor.example",
  helen: "helen.carter@cc.example",
  ben: "ben.lowe@cc.example",
  aisha: "aisha.rahman@rcht.example",
} as const;
type Person = keyof typeof EMAILS;
const ctxOf = async (person: Person): Promise<PolicyCtx> => policyCtx(db, await buildActor(db, s.userId(EMAILS[person])));

// The files of this scenario: DCP's in Kestrel and MASH at both levels, and one of Cornwall Council's in MASH.
let log: FileView; // Kestrel, DCP, OFFICIAL-SENSITIVE PERSONAL DATA
let press: FileView; // Kestrel, DCP, OFFICIAL
let minutes: FileView; // MASH, DCP, OFFICIAL-SENSITIVE
let contacts: FileView; // MASH, DCP, OFFICIAL
let referral: FileView; // MASH, CC, OFFICIAL-SENSITIVE PERSONAL DATA

beforeAll(async () => {
  const priya = await ctxOf("priya");
  const up = (ctx: PolicyCtx, space: string, name: string, marking: string, bytes: Uint8Array) =>
    uploadFile(ctx, { spaceId: s.spaceId(space), name, marking, bytes });
  log = await up(priya, KESTREL, "Investigation log.pdf", "OFFICIAL-SENSITIVE PERSONAL DATA", await pdfFile());
  press = await up(priya, KESTREL, "Press lines.txt", "OFFICIAL", textFile("Press lines"));
  minutes = await up(priya, MASH, "Strategy minutes.pdf", "OFFICIAL-SENSITIVE", await pdfFile());
  contacts = await up(priya, MASH, "Contacts.csv", "OFFICIAL", textFile("name,phone\n"));
  referral = await up(await ctxOf("helen"), MASH, "Referral.txt", "OFFICIAL-SENSITIVE PERSONAL DATA", textFile("Referral"));
});

const listed = async (person: Person, space: string) => (await listFiles(await ctxOf(person), { spaceId: s.spaceId(space) })).items.map((f) => f.name).sort();
const names = (...views: FileView[]) => views.map((v) => v.name).sort();

describe("listFiles", () => {
  it.each([
    ["priya", KESTREL, () => names(log, press)],
    ["tom", KESTREL, () => names(log, press)],
    // Mark's vetting has expired: it opens OFFICIAL only.
    ["mark", KESTREL, () => names(press)],
    // Alex (Dorset) under ISA-SW-001, which allows OFFICIAL-SENSITIVE and PERSONAL DATA.
    ["alex", KESTREL, () => names(log, press)],
    // Priya reads Cornwall Council's referral under ISA-CC-014.
    ["priya", MASH, () => names(minutes, contacts, referral)],
    ["helen", MASH, () => names(minutes, contacts, referral)],
    ["aisha", MASH, () => names(minutes, contacts, referral)],
    // Ben holds BPSS: OFFICIAL only.
    ["ben", MASH, () => names(contacts)],
  ] as const)("%s sees exactly the files of %s they may read", async (person, space, expected) => {
    expect(await listed(person, space)).toEqual(expected());
  });

  it.each([
    ["alex", MASH],
    ["helen", KESTREL],
    ["janet", KESTREL],
  ] as const)("%s cannot list %s: 404, as for the space itself", async (person, space) => {
    await expect(listFiles(await ctxOf(person), { spaceId: s.spaceId(space) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers an empty list without a policy to query by: a guest whose vetting opens nothing", async () => {
    const nobody = await buildUser(db, { agencyId: s.agencyId("DOR"), vettingLevel: "BOGUS" });
    await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: nobody.id, role: "guest", agreementId: s.agreementId("ISA-SW-001") });
    const ctx = await policyCtx(db, await buildActor(db, nobody.id));
    // They have standing in the space (they see it) but no rule lets them read any file in it.
    expect(accessibleWhere(ctx.ability, "read", "File", fileColumns)).toBeNull();
    expect((await listFiles(ctx, { spaceId: s.spaceId(KESTREL) })).items).toEqual([]);
  });

  it("shows each viewer what they may do", async () => {
    const byName = async (person: Person) => new Map((await listFiles(await ctxOf(person), { spaceId: s.spaceId(KESTREL) })).items.map((f) => [f.name, f.permissions]));
    expect((await byName("priya")).get(log.name)).toEqual({ canDownload: true, canDelete: true });
    expect((await byName("alex")).get(log.name)).toEqual({ canDownload: true, canDelete: false });
    expect((await byName("tom")).get(press.name)).toEqual({ canDownload: true, canDelete: false });
  });
});

describe("getFile and readFileContent", () => {
  it.each([
    ["alex", () => minutes],
    ["ben", () => minutes],
    ["ben", () => referral],
    ["mark", () => log],
    ["helen", () => log],
  ] as const)("%s gets 404 for a file they may not read, the same as for no file, and the attempt is audited", async (person, file) => {
    const ctx = await ctxOf(person);
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(getFile(ctx, { fileId: file().id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(readFileContent(ctx, { fileId: file().id })).rejects.toBeInstanceOf(NotFoundError);
    const errorOf = (fileId: string) => getFile(ctx, { fileId }).then(() => new Error("no error"), (e: unknown) => e as Error);
    expect((await errorOf(file().id)).message).toBe((await errorOf(missing)).message);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.requestId, ctx.requestId), eq(auditEvents.outcome, "denied")));
    expect(denied.map((e) => e.action).sort()).toEqual(["file.download", "file.read", "file.read"]);
    expect(denied.every((e) => e.subjectId === file().id && e.markingBefore === file().marking)).toBe(true);
  });

  it("serves Alex the Kestrel investigation log with safe headers, and audits the disclosure", async () => {
    const alex = await ctxOf("alex");
    const content = await readFileContent(alex, { fileId: log.id });
    const headers = downloadHeaders(content);
    expect(Object.fromEntries(headers)).toEqual({
      "content-type": "application/pdf",
      "content-length": String(log.sizeBytes),
      "content-disposition": `attachment; filename="Investigation log.pdf"; filename*=UTF-8''Investigation%20log.pdf`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
      "repr-digest": `sha-256=:${Buffer.from(log.sha256, "hex").toString("base64")}:`,
    });
    const bytes = new Uint8Array(await new Response(content.stream).arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, alex.requestId));
    expect(event).toMatchObject({ action: "file.download", outcome: "success", subjectId: log.id, markingBefore: log.marking, spaceId: s.spaceId(KESTREL) });
    expect(event!.details).toMatchObject({ crossAgency: true });
  });

  it("serves the media type decided at upload, and does not audit an OFFICIAL download", async () => {
    const tom = await ctxOf("tom");
    const content = await readFileContent(tom, { fileId: press.id });
    expect(downloadHeaders(content).get("content-type")).toBe("text/plain; charset=utf-8");
    await content.stream.cancel();
    expect(await db.select().from(auditEvents).where(eq(auditEvents.requestId, tom.requestId))).toEqual([]);
  });

  it("gives metadata, never the storage key", async () => {
    // (Aisha's trust asks its people why before they open OFFICIAL-SENSITIVE content: lib/audit/justification.ts.)
    const view = await getFile(await ctxOf("aisha"), { fileId: referral.id, justification: "Strategy meeting preparation" });
    expect(view).toMatchObject({ name: "Referral.txt", owningAgencyId: s.agencyId("CC"), uploadedBy: { name: "Helen Carter" }, contentUrl: `/api/v1/files/${referral.id}/content` });
    const [row] = await db.select().from(files).where(eq(files.id, referral.id));
    expect(JSON.stringify(view)).not.toContain(row!.blobKey);
  });
});

describe("deleteFile", () => {
  it("refuses Alex, who can see the file but may not delete it: 403, row and bytes unchanged", async () => {
    const target = await uploadFile(await ctxOf("priya"), { spaceId: s.spaceId(KESTREL), name: "keep.txt", marking: "OFFICIAL", bytes: textFile("keep") });
    const [before] = await db.select().from(files).where(eq(files.id, target.id));
    const blobsBefore = await blobs.blobCount();
    await expect(deleteFile(await ctxOf("alex"), { fileId: target.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteFile(await ctxOf("tom"), { fileId: target.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteFile(await ctxOf("helen"), { fileId: target.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.select().from(files).where(eq(files.id, target.id)))[0]).toEqual(before);
    expect(await blobs.blobCount()).toBe(blobsBefore);
  });

  it("refuses Priya deleting Cornwall Council's file (only the originating agency deletes): 403", async () => {
    await expect(deleteFile(await ctxOf("priya"), { fileId: referral.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.select().from(files).where(eq(files.id, referral.id))).toHaveLength(1);
  });

  it("lets the space owner delete: the row and the bytes go, and the deletion is audited", async () => {
    const target = await uploadFile(await ctxOf("priya"), { spaceId: s.spaceId(KESTREL), name: "old.txt", marking: "OFFICIAL", bytes: textFile("old") });
    const blobsBefore = await blobs.blobCount();
    const priya = await ctxOf("priya");
    expect(await deleteFile(priya, { fileId: target.id })).toEqual({ id: target.id, deleted: true });
    expect(await db.select().from(files).where(eq(files.id, target.id))).toEqual([]);
    expect(await blobs.blobCount()).toBe(blobsBefore - 1);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, priya.requestId));
    expect(event).toMatchObject({ action: "file.delete", subjectId: target.id, markingBefore: "OFFICIAL", spaceId: s.spaceId(KESTREL) });
    await expect(getFile(priya, { fileId: target.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});
