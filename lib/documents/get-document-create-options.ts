/**
 * What the "New document" form of a space offers its viewer: the markings they may choose there
 * (creatableMarkings: valid, within the ceilings, and allowed to them by the policy) and the
 * default. createDocument() checks everything again.
 */
import type { PolicyCtx } from "../context";
import { creatableMarkings, type MarkingChoices } from "../spaces/creatable-markings";
import { readableSpace } from "../spaces/readable-space";

/** The new-document choices of a space for the actor; NotFoundError when they may not see the space. */
export async function getDocumentCreateOptions(ctx: PolicyCtx, input: { spaceId: string }): Promise<MarkingChoices> {
  return creatableMarkings(ctx, await readableSpace(ctx, input.spaceId), "Document");
}
