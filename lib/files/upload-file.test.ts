/**
 * Uploading: each accepted type is stored with its detected type and SHA-256; every refusal
 * (content not matching its name, too large, empty, a zip bomb, malware, a marking or space the
 * uploader may not use) stores nothing, neither blob nor row; a scanner that cannot be reached
 * quarantines the file, which then cannot be downloaded.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, files } from "@/db/schema";
import { buildActor, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import {
  ArchiveLimitError,
  EmptyFileError,
  FileContentMismatchError,
  FileTooLargeError,
  FileTypeNotAllowedError,
  ForbiddenError,
  InfectedFileError,
  InvalidMarkingError,
  NotFoundError,
  QuarantinedFileError,
} from "../errors";
import { clamdScanner } from "./clamd";
import { getFile } from "./get-file";
import { readFileContent } from "./read-file-content";
import { uploadFile } from "./upload-file";
import { cfbFile, docxFile, eicarFile, IMAGES, ooxmlEntries, ooxmlFile, pdfFile, startFakeClamd, textFile, unusedPort, zipFile, type FakeClamd } from "./testing/file-fixtures";
import { temporaryFileServicesForFile } from "./testing/temporary-file-services";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts), and a blob folder.
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});
const MAX_UPLOAD = 1024 * 1024;
const blobs = temporaryFileServicesForFile({ maxUploadBytes: MAX_UPLOAD });

let clamd: FakeClamd | undefined;
afterEach(async () => {
  blobs.configure({ scanner: null, maxUploadBytes: MAX_UPLOAD });
  await clamd?.close();
  clamd = undefined;
});

const KESTREL = "Operation Kestrel";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const priya = () => ctxOf("priya.shah@dcp.example");
const fileRows = async () => (await db.select({ n: count() }).from(files))[0]!.n;
const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());

/** Runs an upload that must be refused and checks that nothing of it was kept. */
async function expectRefusedAndNothingStored(attempt: () => Promise<unknown>, error: new (...args: never[]) => Error, message: RegExp): Promise<void> {
  const [rowsBefore, blobsBefore] = [await fileRows(), await blobs.blobCount()];
  const result = attempt();
  await expect(result).rejects.toBeInstanceOf(error);
  await expect(result).rejects.toThrow(message);
  expect(await fileRows(), "no row").toBe(rowsBefore);
  expect(await blobs.blobCount(), "no blob on disk").toBe(blobsBefore);
}

describe("uploadFile", () => {
  it.each([
    ["report.pdf", pdfFile, "application/pdf"],
    ["statement.docx", docxFile, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["figures.xlsx", async () => ooxmlFile("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["briefing.pptx", async () => ooxmlFile("pptx"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["old.doc", async () => cfbFile(["WordDocument"]), "application/msword"],
    ["old.xls", async () => cfbFile(["Workbook"]), "application/vnd.ms-excel"],
    ["old.ppt", async () => cfbFile(["PowerPoint Document"]), "application/vnd.ms-powerpoint"],
    ["scene.png", async () => IMAGES.png, "image/png"],
    ["photo.jpeg", async () => IMAGES.jpg, "image/jpeg"],
    ["map.gif", async () => IMAGES.gif, "image/gif"],
    ["map.webp", async () => IMAGES.webp, "image/webp"],
    ["notes.txt", async () => textFile("Interview notes, Monday 14:00\n"), "text/plain; charset=utf-8"],
    ["list.csv", async () => textFile("name,role\nPriya,owner\n"), "text/csv; charset=utf-8"],
  ])("stores %s as %s, with its SHA-256, its bytes and an audit event", async (name, make, mediaType) => {
    const bytes = await make();
    const ctx = await priya();
    const uploaded = await uploadFile(ctx, { spaceId: s.spaceId(KESTREL), name, bytes });
    expect(uploaded).toMatchObject({
      name,
      mediaType,
      sizeBytes: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      status: "clean",
      // Kestrel's default marking, as none was asked for.
      marking: "OFFICIAL-SENSITIVE",
      notice: null,
      uploadedBy: { name: "DS Priya Shah" },
      permissions: { canDownload: true, canDelete: true },
    });
    const [row] = await db.select().from(files).where(eq(files.id, uploaded.id));
    expect(row).toMatchObject({ owningAgencyId: s.agencyId("DCP"), markingRank: 2, scanResult: "not scanned: no scanner configured" });
    // Stored under a generated key, never under the uploaded name.
    expect(row!.blobKey).toMatch(/^[0-9a-f]{32}$/);
    const content = await readFileContent(ctx, { fileId: uploaded.id });
    expect(Buffer.from(await bytesOf(content.stream)).equals(Buffer.from(bytes))).toBe(true);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.requestId, ctx.requestId), eq(auditEvents.action, "file.upload")));
    expect(event).toMatchObject({ outcome: "success", subjectType: "file", subjectId: uploaded.id, spaceId: s.spaceId(KESTREL), markingAfter: "OFFICIAL-SENSITIVE" });
    expect(event!.details).toMatchObject({ name, mediaType, sha256: uploaded.sha256 });
  });

  it("keeps the marking asked for, in canonical form", async () => {
    const uploaded = await uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "press.txt", marking: "official", bytes: textFile("Lines") });
    expect(uploaded).toMatchObject({ marking: "OFFICIAL", markingRank: 1 });
  });

  describe("refuses, storing nothing (no blob, no row)", () => {
    it("a .pdf whose content is text", async () => {
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "notes.pdf", bytes: textFile("not a PDF at all") }),
        FileContentMismatchError,
        /"notes\.pdf" does not contain a PDF document \(it looks like plain text\), so it was not uploaded/,
      );
    });

    it("an image named as another kind of image, and an extension Accord does not take", async () => {
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "scan.png", bytes: IMAGES.gif }),
        FileContentMismatchError,
        /does not contain a PNG image \(its content is GIF\)/,
      );
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "page.html", bytes: textFile("<script>alert(1)</script>") }),
        FileTypeNotAllowedError,
        /\.html files are not accepted/,
      );
    });

    it("a file over the size limit", async () => {
      const big = new Uint8Array(MAX_UPLOAD + 1).fill(0x61);
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "big.txt", bytes: big }),
        FileTooLargeError,
        /"big\.txt" is larger than 1 MB, the most a file may be/,
      );
    });

    it("an empty file", async () => {
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "empty.txt", bytes: new Uint8Array(0) }),
        EmptyFileError,
        /"empty\.txt" is empty/,
      );
    });

    it("a zip bomb named .docx", async () => {
      // Five entries of 64 MiB of zeros: about 320 KB on the wire, 320 MiB unpacked.
      const zeros = new Uint8Array(64 * 1024 * 1024);
      const bomb = zipFile([...ooxmlEntries("docx"), ...[1, 2, 3, 4, 5].map((i) => ({ name: `word/media/image${i}.bin`, data: zeros }))]);
      expect(bomb.byteLength).toBeLessThan(MAX_UPLOAD);
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "bomb.docx", bytes: bomb }),
        ArchiveLimitError,
        /would unpack to more than 256 MB \(a "zip bomb"\)/,
      );
    });

    it("the EICAR test file, when the scanner finds it, and audits the refusal", async () => {
      clamd = await startFakeClamd("answer");
      blobs.configure({ scanner: clamdScanner({ host: "127.0.0.1", port: clamd.port }) });
      const ctx = await priya();
      await expectRefusedAndNothingStored(
        async () => uploadFile(ctx, { spaceId: s.spaceId(KESTREL), name: "eicar.txt", bytes: eicarFile() }),
        InfectedFileError,
        /"eicar\.txt" contains a virus or other malware \(Win\.Test\.EICAR_HDB-1\), so it was not uploaded/,
      );
      expect(clamd.scans).toHaveLength(1);
      const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
      expect(event).toMatchObject({ action: "file.upload", outcome: "failure", spaceId: s.spaceId(KESTREL) });
      expect(event!.details).toMatchObject({ name: "eicar.txt", reason: "file_infected" });
    });

    it.each([
      ["SECRET", /accredited only up to/],
      ["OFFICIAL BANANA", /not part of a marking/],
      ["OFFICIAL-SENSITIVE RECIPIENTS ONLY", /at least one named recipient/],
      ["OFFICIAL-SENSITIVE HMG USE ONLY", /outside HMG/],
      ["OFFICIAL-SENSITIVE ZZZ USE ONLY", /organisation Accord does not know/],
    ])("the marking %j", async (marking, message) => {
      const space = marking.includes("HMG") ? "Cornwall MASH: referral 2026-0412" : KESTREL;
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId(space), name: "x.txt", marking, bytes: textFile("x") }),
        InvalidMarkingError,
        message,
      );
    });

    it("a marking above the space's own ceiling", async () => {
      await expectRefusedAndNothingStored(
        async () => uploadFile(await priya(), { spaceId: s.spaceId("DCP Training"), name: "x.txt", marking: "OFFICIAL-SENSITIVE", bytes: textFile("x") }),
        InvalidMarkingError,
        /This space holds nothing above OFFICIAL/,
      );
    });

    it("Mark (expired vetting) adding an OFFICIAL-SENSITIVE file to Kestrel: 403", async () => {
      await expectRefusedAndNothingStored(
        async () => uploadFile(await ctxOf("mark.ellis@dcp.example"), { spaceId: s.spaceId(KESTREL), name: "x.txt", bytes: textFile("x") }),
        ForbiddenError,
        /Your vetting does not allow you to add a file marked OFFICIAL-SENSITIVE/,
      );
    });

    it("Helen, who cannot see Kestrel, adding a file to it: 404", async () => {
      await expectRefusedAndNothingStored(
        async () => uploadFile(await ctxOf("helen.carter@cc.example"), { spaceId: s.spaceId(KESTREL), name: "x.txt", marking: "OFFICIAL", bytes: textFile("x") }),
        NotFoundError,
        /Not found/,
      );
    });
  });

  it("lets Helen (Cornwall Council) add a file to the MASH space as her agency's", async () => {
    const uploaded = await uploadFile(await ctxOf("helen.carter@cc.example"), {
      spaceId: s.spaceId("Cornwall MASH: referral 2026-0412"),
      name: "referral.txt",
      marking: "OFFICIAL-SENSITIVE PERSONAL DATA",
      bytes: textFile("Referral"),
    });
    expect(uploaded).toMatchObject({ owningAgencyId: s.agencyId("CC"), marking: "OFFICIAL-SENSITIVE PERSONAL DATA", permissions: { canDelete: false } });
  });

  it("records a clean scan", async () => {
    clamd = await startFakeClamd("answer");
    blobs.configure({ scanner: clamdScanner({ host: "127.0.0.1", port: clamd.port }) });
    const uploaded = await uploadFile(await priya(), { spaceId: s.spaceId(KESTREL), name: "clean.txt", bytes: textFile("clean") });
    expect(uploaded).toMatchObject({ status: "clean", notice: null, permissions: { canDownload: true } });
    expect((await db.select().from(files).where(eq(files.id, uploaded.id)))[0]!.scanResult).toBe("OK");
  });

  describe("with the scanner unreachable or silent: quarantined, and not downloadable", () => {
    it.each([
      ["nothing listening", async () => clamdScanner({ host: "127.0.0.1", port: await unusedPort() }), /ECONNREFUSED/],
      ["a scanner that never answers", async () => {
        clamd = await startFakeClamd("hang");
        return clamdScanner({ host: "127.0.0.1", port: clamd.port, timeoutMs: 300 });
      }, /within 300 ms/],
      ["a scanner that hangs up", async () => {
        clamd = await startFakeClamd("close");
        return clamdScanner({ host: "127.0.0.1", port: clamd.port });
      }, /closed|ECONNRESET|EPIPE/],
    ])("%s", async (_what, scanner, reason) => {
      blobs.configure({ scanner: await scanner() });
      const ctx = await priya();
      const blobsBefore = await blobs.blobCount();
      const uploaded = await uploadFile(ctx, { spaceId: s.spaceId(KESTREL), name: "unscanned.pdf", bytes: await pdfFile() });
      expect(uploaded).toMatchObject({ status: "quarantined", permissions: { canDownload: false } });
      expect(uploaded.notice).toMatch(/held in quarantine: nobody can download it/);
      expect(await blobs.blobCount()).toBe(blobsBefore + 1);
      const [row] = await db.select().from(files).where(eq(files.id, uploaded.id));
      expect(row!.scanResult).toMatch(reason);
      expect(await getFile(ctx, { fileId: uploaded.id })).toMatchObject({ status: "quarantined" });
      await expect(readFileContent(ctx, { fileId: uploaded.id })).rejects.toBeInstanceOf(QuarantinedFileError);
      await expect(readFileContent(await ctxOf("tom.hughes@dcp.example"), { fileId: uploaded.id })).rejects.toThrow(/quarantine/);
    });
  });
});
