/**
 * The marking an uploaded file is given. The threat: a file marked above what the deployment is
 * accredited for or the space may hold, or with a marking that looks right but breaks the rules
 * of the Government Security Classifications Policy (domain.md §2). The same checks as
 * re-marking a document (lib/documents/remark-document.ts), through policies/classification.ts.
 */
import { and, eq, inArray } from "drizzle-orm";
import { agencies, spaceMembers, users } from "@/db/schema";
import { ceilingRank } from "@/policies/markings";
import { formatMarking, markingRank, parseMarking, validateMarking, type Marking } from "@/policies/classification";
import { InvalidMarkingError } from "../errors";
import type { PolicyCtx } from "../context";
import { env } from "../env";
import type { SpaceRow } from "../spaces/readable-space";


/** A marking ready for a file row's marking columns. */
export type FileMarking = {
  marking: string;
  markingRank: number;
  descriptors: string[];
  handling: string;
  recipientIds: string[];
  useOnlyAgencyCodes: string[];
};

function columnsOf(m: Marking): FileMarking {
  return {
    marking: formatMarking(m),
    markingRank: markingRank(m),
    descriptors: m.descriptors,
    handling: m.handling ?? "",
    recipientIds: m.recipients,
    useOnlyAgencyCodes: m.organisations,
  };
}

/** True when every agency with a member in the space is part of HMG (for HMG USE ONLY). */
async function isSpaceAudienceAllHmg(ctx: PolicyCtx, spaceId: string): Promise<boolean> {
  const outsideHmg = await ctx.db
    .select({ agencyId: agencies.id })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(agencies.isHmg, false)))
    .limit(1);
  return outsideHmg.length === 0;
}

/**
 * The requested marking (the space's default when none is given) as stored columns, or
 * InvalidMarkingError saying what is wrong with it. RECIPIENTS ONLY cannot be chosen on upload
 * (there is no one to name), and EMBARGOED needs details an upload does not carry: both fail
 * the classification rules with their own messages.
 */
export async function resolveFileMarking(ctx: PolicyCtx, space: SpaceRow, requested: string | undefined): Promise<FileMarking> {
  const parsed = parseMarking(requested?.trim() || space.defaultMarking);
  if (!parsed.ok) throw new InvalidMarkingError(parsed.error);
  const marking = parsed.marking;
  const isAudienceAllHmg = marking.handling === "HMG USE ONLY" ? await isSpaceAudienceAllHmg(ctx, space.id) : undefined;
  const violations = validateMarking(marking, { ceiling: env().ceiling, isAudienceAllHmg, now: ctx.now });
  if (violations.length > 0) throw new InvalidMarkingError(violations.map((v) => v.message).join(". "));
  const columns = columnsOf(marking);
  if (columns.markingRank > Math.min(space.ceilingRank, ceilingRank(env().ceiling))) {
    throw new InvalidMarkingError(`This space holds nothing above ${space.ceilingMarking}`);
  }
  if (marking.handling === "USE ONLY") {
    const known = await ctx.db.select({ code: agencies.code }).from(agencies).where(inArray(agencies.code, marking.organisations));
    if (known.length !== new Set(marking.organisations).size) throw new InvalidMarkingError("USE ONLY names an organisation Accord does not know");
  }
  return columns;
}
