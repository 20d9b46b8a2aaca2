/**
 * Uploads a file to a space (ASVS v5.0.0-5.2): a collection of marked content, audited. The
 * threats: a file added where the policy does not allow it, or marked above what the space, the
 * deployment or the uploader's vetting allows; content that is not what its name says, a zip
 * bomb, or malware; and a half-stored upload. So, in this order: the space must be visible (404)
 * and open to the actor for files (403); the marking valid and within every ceiling; the content
 * non-empty, within the size limit and of an allowed type matching its extension; then scanned
 * when a scanner is configured. A refusal stores nothing: no blob, no row (the refusal itself is
 * audited). A scanner that cannot be reached does not let the file through: it is stored as
 * quarantined, which no one can download, and the uploader is told.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { files } from "@/db/schema";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import { EmptyFileError, FileRejectedError, FileTooLargeError, ForbiddenError, InfectedFileError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { labelNewItem } from "../records/record-item-shared";
import { detectFileType, type DetectedType } from "./detect-file-type";
import { fileServices, type FileServices } from "./file-services";
import { resolveFileMarking, type FileMarking } from "./file-marking";
import { sanitizeFileName } from "./file-name";
import { formatBytes } from "./format-bytes";
import { toFileView, type FileView } from "./file-view";
import { readableSpace, type SpaceRow } from "../spaces/readable-space";
import { enqueueGraphSync } from "../graph/enqueue-graph-sync";
import { extractFileText } from "../search/extract-file-text";
import { indexFileText } from "../search/index-file-text";

export const ZUploadFile = z.object({
  spaceId: z.string().max(100),
  name: z.string().max(1000, "The file name is too long"),
  /** The marking to give the file; empty or absent: the space's default marking. */
  marking: z.string().max(200, "The marking is too long").optional(),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "Choose a file to upload" }),
});
export type UploadFileInput = z.input<typeof ZUploadFile>;

/** The stored file, and a message for the uploader when it is held in quarantine. */
export type UploadedFile = FileView & { notice: string | null };

const QUARANTINE_NOTICE =
  "The virus scanner could not be reached, so the file is held in quarantine: nobody can download it. Upload it again later, or ask your administrator.";

type CheckedContent = DetectedType & { sha256: string; status: "clean" | "quarantined"; scanResult: string };

/** Uploads the file; throws a FileRejectedError (and stores nothing) when its content is refused. */
export async function uploadFile(ctx: PolicyCtx, raw: UploadFileInput): Promise<UploadedFile> {
  const parsed = ZUploadFile.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? "Invalid upload");
  const input = parsed.data;
  const services = fileServices();

  const space = await readableSpace(ctx, input.spaceId);
  const draft = (m: Omit<FileMarking, "marking">) => ({ id: "", spaceId: space.id, owningAgencyId: ctx.actor.agency.id, isRestricted: false, ...m });
  const plainOfficial = { markingRank: RANKS.OFFICIAL, descriptors: [], handling: "", recipientIds: [], useOnlyAgencyCodes: [] };
  if (!can(ctx.ability, "create", "File", draft(plainOfficial))) throw new ForbiddenError("You cannot add files to this space");
  const { marking, ...markingColumns } = await resolveFileMarking(ctx, space, input.marking);
  if (!can(ctx.ability, "create", "File", draft(markingColumns))) {
    throw new ForbiddenError(`Your vetting does not allow you to add a file marked ${marking}`);
  }

  const name = sanitizeFileName(input.name);
  let content: CheckedContent;
  try {
    content = await checkContent(name, input.bytes, services);
  } catch (err) {
    if (err instanceof FileRejectedError) {
      await recordAudit(ctx, {
        action: "file.upload",
        outcome: "failure",
        subjectType: "file",
        spaceId: space.id,
        markingAfter: marking,
        details: { name, sizeBytes: input.bytes.byteLength, reason: err.code, message: err.message },
      });
    }
    throw err;
  }
  return store(ctx, services, space, { name, bytes: input.bytes, marking, markingColumns, content });
}

/** Size, type and malware checks, in that order (cheapest first); throws a FileRejectedError. */
async function checkContent(name: string, bytes: Uint8Array, services: FileServices): Promise<CheckedContent> {
  if (bytes.byteLength === 0) throw new EmptyFileError(`"${name}" is empty, so it was not uploaded.`);
  if (bytes.byteLength > services.maxUploadBytes) {
    throw new FileTooLargeError(`"${name}" is larger than ${formatBytes(services.maxUploadBytes)}, the most a file may be, so it was not uploaded.`);
  }
  const type = await detectFileType(name, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (!services.scanner) return { ...type, sha256, status: "clean", scanResult: "not scanned: no scanner configured" };
  const scan = await services.scanner.scan(bytes);
  if (scan.verdict === "infected") {
    throw new InfectedFileError(`"${name}" contains a virus or other malware (${scan.signature}), so it was not uploaded.`);
  }
  if (scan.verdict === "unavailable") return { ...type, sha256, status: "quarantined", scanResult: `not scanned: ${scan.reason}` };
  return { ...type, sha256, status: "clean", scanResult: "OK" };
}

/** Writes the bytes, then the row and its audit event in one transaction; removes the bytes if that fails. */
async function store(
  ctx: PolicyCtx,
  services: FileServices,
  space: SpaceRow,
  upload: { name: string; bytes: Uint8Array; marking: string; markingColumns: Omit<FileMarking, "marking">; content: CheckedContent },
): Promise<UploadedFile> {
  const { name, bytes, marking, markingColumns, content } = upload;
  // Before the transaction (parsing may take a while; best effort, it never refuses the upload).
  const text = await extractFileText({ extension: content.extension, status: content.status }, bytes);
  const blobKey = await services.blobs.put(bytes);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [file] = await tx.db
        .insert(files)
        .values({
          spaceId: space.id,
          owningAgencyId: tx.actor.agency.id,
          name,
          extension: content.extension,
          mediaType: content.mediaType,
          sizeBytes: bytes.byteLength,
          sha256: content.sha256,
          blobKey,
          status: content.status,
          scanResult: content.scanResult,
          marking,
          ...markingColumns,
          createdBy: tx.actor.userId,
          createdAt: tx.now,
          updatedAt: tx.now,
        })
        .returning();
      await indexFileText(tx.db, file!.id, text); // issue 10: its text searchable with the file
      await labelNewItem(tx, "file", file!); // issue 8: a labelling rule's or the space's default label
      // A quarantined file stays in Accord: it is never sent to SharePoint (issue 9).
      if (file!.status === "clean") await enqueueGraphSync(tx, { itemType: "file", itemId: file!.id, spaceId: space.id, kind: "upload" });
      await recordAudit(tx, {
        action: "file.upload",
        subjectType: "file",
        subjectId: file!.id,
        spaceId: space.id,
        markingAfter: marking,
        details: { name, mediaType: content.mediaType, sizeBytes: bytes.byteLength, sha256: content.sha256, status: content.status, scanResult: content.scanResult },
      });
      return { ...toFileView(tx, file!, tx.actor.name), notice: content.status === "quarantined" ? QUARANTINE_NOTICE : null };
    });
  } catch (err) {
    await services.blobs.delete(blobKey).catch((e: unknown) => console.error(`[${ctx.requestId}] could not remove the blob of a failed upload`, e));
    throw err;
  }
}
