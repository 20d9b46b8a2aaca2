/**
 * The markings a person may choose for something new in a space (a document, a file or a card): the
 * usual ones, each offered only when it is a valid marking within the deployment's and the
 * space's ceilings and the policy lets this person create content so marked there (their
 * vetting, their agency's standing). Forms offer exactly these; the create operations check again.
 */
import { can } from "@/policies/authorize";
import { markingRank, parseMarking, validateMarking } from "@/policies/classification";
import { ceilingRank } from "@/policies/markings";
import type { spaces } from "@/db/schema";
import type { PolicyCtx } from "../context";
import { env } from "../env";

// What people usually choose, lowest first.
const CANDIDATE_MARKINGS = [
  "OFFICIAL",
  "OFFICIAL PERSONAL DATA",
  "OFFICIAL-SENSITIVE",
  "OFFICIAL-SENSITIVE PERSONAL DATA",
  "SECRET",
  "TOP SECRET",
];

export type MarkingChoices = { markings: string[]; /** The space's default when offered, else the first. */ defaultMarking: string | null };

/** The markings the actor may give new content of `type` in `space`. */
export function creatableMarkings(ctx: PolicyCtx, space: Pick<typeof spaces.$inferSelect, "id" | "ceilingRank" | "defaultMarking">, type: "Document" | "File" | "Card" | "Briefing"): MarkingChoices {
  const maxRank = Math.min(space.ceilingRank, ceilingRank(env().ceiling));
  const markings = CANDIDATE_MARKINGS.filter((text) => {
    const parsed = parseMarking(text);
    if (!parsed.ok || validateMarking(parsed.marking, { ceiling: env().ceiling }).length > 0) return false;
    const rank = markingRank(parsed.marking);
    if (rank > maxRank) return false;
    return can(ctx.ability, "create", type, {
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
  return { markings, defaultMarking: markings.includes(space.defaultMarking) ? space.defaultMarking : (markings[0] ?? null) };
}
