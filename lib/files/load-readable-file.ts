/**
 * Loads one file for an actor who may read it. The threat is an insecure direct object
 * reference: a file id guessed or passed on, opened by someone the policy keeps out. A file the
 * actor may not read answers exactly like one that does not exist (404), and the denied attempt
 * on marked content is audited (DPA 2018 s.62; security.md: every authorization decision on
 * marked content), as for documents (lib/documents/get-document.ts).
 */
import { eq } from "drizzle-orm";
import { files } from "@/db/schema";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import { NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { recordDeniedRead } from "../audit/record-denied-read";
import { justificationFor } from "../audit/justification";
import { fileSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { fileWithUploader, uploaderJoin, type FileRow } from "./file-view";

/** The file and its uploader's name, when the actor may read it; NotFoundError otherwise. */
export async function loadReadableFile(
  ctx: PolicyCtx,
  fileId: string,
  action: "file.read" | "file.download",
): Promise<{ file: FileRow; uploaderName: string | null }> {
  if (!isUuid(fileId)) throw new NotFoundError();
  const [row] = await ctx.db
    .select(fileWithUploader)
    .from(files)
    .leftJoin(...uploaderJoin)
    .where(eq(files.id, fileId))
    .limit(1);
  if (!row) throw new NotFoundError();
  if (!can(ctx.ability, "read", "File", fileSubject(row.file))) {
    await recordDeniedRead(ctx, action, { type: "file", ...row.file });
    throw new NotFoundError();
  }
  return row;
}

/**
 * The justification for opening a file (its metadata or its bytes), where the actor's agency asks
 * for one (lib/audit/justification.ts): asked only once the file is known to be readable.
 */
export async function justifyFileRead(ctx: PolicyCtx, file: FileRow, given: string | null | undefined): Promise<string | null> {
  return justificationFor(ctx, { subjectType: "file", subjectId: file.id, markingRank: file.markingRank, marking: file.marking, purpose: "consultation", given });
}

/**
 * Audits the consultation (metadata) or disclosure (download) of an OFFICIAL-SENSITIVE or higher
 * file, as reading such a document is audited; OFFICIAL reads are not.
 */
export async function recordSensitiveFileRead(ctx: PolicyCtx, file: FileRow, action: "file.read" | "file.download", justification: string | null = null): Promise<void> {
  if (file.markingRank < RANKS["OFFICIAL-SENSITIVE"] && justification === null) return;
  await recordAudit(ctx, {
    action,
    justification: justification ?? undefined,
    subjectType: "file",
    subjectId: file.id,
    spaceId: file.spaceId,
    markingBefore: file.marking,
    details: { name: file.name, crossAgency: file.owningAgencyId !== ctx.actor.agency.id },
  });
}
