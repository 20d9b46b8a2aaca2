/**
 * What the upload form of a space offers its viewer: whether they may add files there at all,
 * the markings they may choose (within the space's and the deployment's ceilings, their vetting
 * and the policy), the default, the size limit and the accepted extensions. The form only shows
 * what the server allows; uploadFile() checks everything again.
 */
import { can } from "@/policies/authorize";
import { markingRank, parseMarking, validateMarking } from "@/policies/classification";
import { ceilingRank } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import { env } from "../env";
import { ALLOWED_EXTENSIONS } from "./detect-file-type";
import { fileServices } from "./file-services";
import { readableSpace } from "./readable-space";

export type FileUploadOptions = {
  canUpload: boolean;
  markings: string[];
  /** The space's default marking when it is among `markings`, else the first of them. */
  defaultMarking: string | null;
  maxUploadBytes: number;
  extensions: string[];
};

// What people usually choose, lowest first; each is offered only where it is allowed.
const CANDIDATE_MARKINGS = [
  "OFFICIAL",
  "OFFICIAL PERSONAL DATA",
  "OFFICIAL-SENSITIVE",
  "OFFICIAL-SENSITIVE PERSONAL DATA",
  "SECRET",
  "TOP SECRET",
];

/** The upload options of a space for the actor; NotFoundError when they may not see the space. */
export async function getFileUploadOptions(ctx: PolicyCtx, input: { spaceId: string }): Promise<FileUploadOptions> {
  const space = await readableSpace(ctx, input.spaceId);
  const maxRank = Math.min(space.ceilingRank, ceilingRank(env().ceiling));
  const markings = CANDIDATE_MARKINGS.filter((text) => {
    const parsed = parseMarking(text);
    if (!parsed.ok || validateMarking(parsed.marking, { ceiling: env().ceiling }).length > 0) return false;
    const rank = markingRank(parsed.marking);
    if (rank > maxRank) return false;
    return can(ctx.ability, "create", "File", {
      id: "",
      spaceId: space.id,
      owningAgencyId: ctx.actor.agency.id,
      markingRank: rank,
      descriptors: parsed.marking.descriptors,
      handling: "",
      recipientIds: [],
      useOnlyAgencyCodes: [],
    });
  });
  return {
    canUpload: markings.length > 0,
    markings,
    defaultMarking: markings.includes(space.defaultMarking) ? space.defaultMarking : (markings[0] ?? null),
    maxUploadBytes: fileServices().maxUploadBytes,
    extensions: ALLOWED_EXTENSIONS.map((e) => `.${e}`),
  };
}
