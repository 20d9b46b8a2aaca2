/**
 * Whether a person may put images into a document from the editor, and where they go. An image
 * in a document is a File of the document's space carrying the document's own marking: marked
 * lower, it would be a way to take content out from under the document's marking (a reader of
 * the file who may not read the document). So the option exists only for someone who may edit
 * the document and whom the policy lets add a file so marked to that space, checked exactly as
 * uploadFile() will check it (which it does again on every upload).
 */
import { can } from "@/policies/authorize";
import { InvalidMarkingError } from "../errors";
import type { PolicyCtx } from "../context";
import type { DocumentView } from "../documents/get-document";
import { readableSpace } from "../spaces/readable-space";
import { fileServices } from "./file-services";
import { resolveFileMarking, type FileMarking } from "./file-marking";

export type ImageUploadOptions = {
  /** The space the image is uploaded to (the document's). */
  spaceId: string;
  /** The marking the image is given: the document's, as shown on its page. */
  marking: string;
  maxUploadBytes: number;
};

/**
 * The image upload options for a document the actor has already loaded (getDocument: the read
 * check, and its audit, are done), or null when they may not add images to it.
 */
export async function getImageUploadOptions(ctx: PolicyCtx, doc: Pick<DocumentView, "space" | "marking" | "permissions">): Promise<ImageUploadOptions | null> {
  if (!doc.permissions.canUpdate) return null;
  const space = await readableSpace(ctx, doc.space.id);
  let columns: FileMarking;
  try {
    columns = await resolveFileMarking(ctx, space, doc.marking);
  } catch (err) {
    // A marking a file cannot carry (RECIPIENTS ONLY names no one on upload): no images, rather
    // than images marked lower than the document.
    if (err instanceof InvalidMarkingError) return null;
    throw err;
  }
  const { markingRank, descriptors, handling, recipientIds, useOnlyAgencyCodes } = columns;
  const draft = { id: "", spaceId: space.id, owningAgencyId: ctx.actor.agency.id, markingRank, descriptors, handling, recipientIds, useOnlyAgencyCodes, isRestricted: false };
  if (!can(ctx.ability, "create", "File", draft)) return null;
  return { spaceId: space.id, marking: doc.marking, maxUploadBytes: fileServices().maxUploadBytes };
}
