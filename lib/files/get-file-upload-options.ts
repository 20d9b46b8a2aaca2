/**
 * What the upload form of a space offers its viewer: whether they may add files there at all,
 * the markings they may choose (within the space's and the deployment's ceilings, their vetting
 * and the policy), the default, the size limit and the accepted extensions. The form only shows
 * what the server allows; uploadFile() checks everything again.
 */
import type { PolicyCtx } from "../context";
import { creatableMarkings } from "../spaces/creatable-markings";
import { ALLOWED_EXTENSIONS } from "./detect-file-type";
import { fileServices } from "./file-services";
import { readableSpace } from "../spaces/readable-space";

export type FileUploadOptions = {
  canUpload: boolean;
  markings: string[];
  /** The space's default marking when it is among `markings`, else the first of them. */
  defaultMarking: string | null;
  maxUploadBytes: number;
  extensions: string[];
};

/** The upload options of a space for the actor; NotFoundError when they may not see the space. */
export async function getFileUploadOptions(ctx: PolicyCtx, input: { spaceId: string }): Promise<FileUploadOptions> {
  const space = await readableSpace(ctx, input.spaceId);
  const { markings, defaultMarking } = creatableMarkings(ctx, space, "File");
  return {
    canUpload: markings.length > 0,
    markings,
    defaultMarking,
    maxUploadBytes: fileServices().maxUploadBytes,
    extensions: ALLOWED_EXTENSIONS.map((e) => `.${e}`),
  };
}
