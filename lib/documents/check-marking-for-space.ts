/**
 * Whether a marking may be put on something in a space (a document created or re-marked): a
 * valid marking by domain.md §2 rules 1-7, within the deployment ceiling and the space's ceiling,
 * with named recipients who are members of the space, HMG USE ONLY only where everyone in the
 * space is HMG, and USE ONLY naming organisations Accord knows. The threat: content marked above
 * what the system or the space may hold, or marked for an audience that cannot exist.
 */
import { eq, inArray } from "drizzle-orm";
import { agencies, spaceMembers, spaces, users } from "@/db/schema";
import { markingRank, parseMarking, validateMarking, type Marking } from "@/policies/classification";
import { InvalidInputError } from "../errors";
import type { Ctx } from "../context";
import { env } from "../env";

/** The parsed marking and its rank; InvalidInputError with the reasons otherwise. */
export async function checkMarkingForSpace(
  ctx: Ctx,
  input: { text: string; recipientIds: string[]; space: Pick<typeof spaces.$inferSelect, "id" | "ceilingRank" | "ceilingMarking"> },
): Promise<{ marking: Marking; rank: number }> {
  const parsed = parseMarking(input.text, { recipients: input.recipientIds });
  if (!parsed.ok) throw new InvalidInputError(parsed.error);
  const marking = parsed.marking;

  // The audience: the agencies of everyone in the space (for HMG USE ONLY).
  const audience = await ctx.db
    .selectDistinct({ isHmg: agencies.isHmg })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(spaceMembers.spaceId, input.space.id));
  const violations = validateMarking(marking, { ceiling: env().ceiling, isAudienceAllHmg: audience.every((a) => a.isHmg), now: ctx.now });
  if (violations.length > 0) throw new InvalidInputError(violations.map((v) => v.message).join(". "));

  const rank = markingRank(marking);
  if (rank > input.space.ceilingRank) throw new InvalidInputError(`This space holds nothing above ${input.space.ceilingMarking}`);
  if (marking.recipients.length > 0) {
    const members = await ctx.db.select({ userId: spaceMembers.userId }).from(spaceMembers).where(eq(spaceMembers.spaceId, input.space.id));
    const memberIds = new Set(members.map((m) => m.userId));
    if (!marking.recipients.every((r) => memberIds.has(r))) throw new InvalidInputError("Every named recipient must be a member of the space");
  }
  if (marking.handling === "USE ONLY") {
    const known = await ctx.db.select({ code: agencies.code }).from(agencies).where(inArray(agencies.code, marking.organisations));
    if (known.length !== new Set(marking.organisations).size) throw new InvalidInputError("USE ONLY names an organisation Accord does not know");
  }
  return { marking, rank };
}
