/**
 * A file as the API and the pages show it: its metadata (never its storage key) and what the
 * viewer may do with it, decided by the policy on the server (the UI shows only what is allowed).
 */
import { eq } from "drizzle-orm";
import { files, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { fileSubject } from "../authz/columns";

export type FileRow = typeof files.$inferSelect;

export type FileView = {
  id: string;
  spaceId: string;
  name: string;
  extension: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** clean: downloadable; quarantined: held because the scanner could not vouch for it. */
  status: "clean" | "quarantined";
  marking: string;
  markingRank: number;
  descriptors: string[];
  handling: string;
  owningAgencyId: string;
  uploadedBy: { id: string; name: string } | null;
  createdAt: string;
  /** Where to download it (also the src of an image embedded in a document). */
  contentUrl: string;
  permissions: { canDownload: boolean; canDelete: boolean };
};

/** The columns a view needs: the file and the name of whoever uploaded it. */
export const fileWithUploader = { file: files, uploaderName: users.name };

/** Joins the uploader onto a query over files (the uploader may have left, hence a left join). */
export const uploaderJoin = [users, eq(users.id, files.createdBy)] as const;

/** The view of a file row the actor may read. */
export function toFileView(ctx: PolicyCtx, file: FileRow, uploaderName: string | null): FileView {
  const subject = fileSubject(file);
  return {
    id: file.id,
    spaceId: file.spaceId,
    name: file.name,
    extension: file.extension,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    status: file.status,
    marking: file.marking,
    markingRank: file.markingRank,
    descriptors: file.descriptors,
    handling: file.handling,
    owningAgencyId: file.owningAgencyId,
    uploadedBy: file.createdBy && uploaderName !== null ? { id: file.createdBy, name: uploaderName } : null,
    createdAt: file.createdAt.toISOString(),
    contentUrl: `/api/v1/files/${file.id}/content`,
    permissions: {
      canDownload: file.status === "clean" && can(ctx.ability, "read", "File", subject),
      canDelete: can(ctx.ability, "delete", "File", subject),
    },
  };
}
