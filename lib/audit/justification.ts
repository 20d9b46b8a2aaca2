/**
 * Justifications (DPA 2018 s.62: consultation and disclosure logs must show why). An agency may
 * ask its people to say why before they open (consultation) or export (disclosure) content of a
 * classification upwards (`agencies.justification_from`). The justification is written on the
 * audit event of the consultation or disclosure itself, so the log is the only record of it.
 *
 * Opening a document is many reads (the page, its co-editing token, its comments, its versions):
 * one justification covers this person's further consultations of the same item (for a file, its
 * downloads too) for JUSTIFICATION_WINDOW_MINUTES, each audited with it, found in the trail itself
 * (their last justified event for the item), not in a session or cookie that could outlive it. An
 * export is a new disclosure: it always asks again.
 */
import { and, desc, eq, gte, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import { rankOf } from "@/policies/markings";
import type { Ctx } from "../context";
import { InvalidInputError, JustificationRequiredError } from "../errors";

/** How long one justification covers a person's further consultations of the same item. */
export const JUSTIFICATION_WINDOW_MINUTES = 60;

/** The header an API client sends a justification in (a page's form sends a `justification` field). */
export const JUSTIFICATION_HEADER = "accord-justification";

export const ZJustification = z
  .string({ message: "A justification must be text" })
  .trim()
  .min(10, "Say why in at least 10 characters")
  .max(500, "Keep the justification to 500 characters");

export type JustificationPurpose = "consultation" | "disclosure";

/** True when the actor's agency asks for a justification for content of `markingRank`. */
export function isJustificationRequired(ctx: Ctx, markingRank: number): boolean {
  const from = ctx.actor?.agency.justificationFrom;
  if (!from) return false;
  // An unknown setting fails closed: everything asks.
  const threshold = rankOf(from) ?? 0;
  return markingRank >= threshold;
}

/**
 * The justification to write on the audit event of a consultation or disclosure of an item, or
 * null when the actor's agency does not ask for one; JustificationRequiredError when it asks and
 * none was given (nor, for a consultation, given by them for this item within the window). A
 * justification given where none is asked is still kept: the person chose to say why.
 */
export async function justificationFor(
  ctx: Ctx,
  item: { subjectType: string; subjectId: string; markingRank: number; marking?: string; purpose: JustificationPurpose; given?: string | null },
): Promise<string | null> {
  if (item.given !== undefined && item.given !== null && item.given !== "") {
    const parsed = ZJustification.safeParse(item.given);
    if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? "Invalid justification");
    return parsed.data;
  }
  if (!isJustificationRequired(ctx, item.markingRank)) return null;
  if (item.purpose === "consultation" && ctx.actor) {
    const since = new Date(ctx.now.getTime() - JUSTIFICATION_WINDOW_MINUTES * 60_000);
    const [last] = await ctx.db
      .select({ justification: auditEvents.justification })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectType, item.subjectType),
          eq(auditEvents.subjectId, item.subjectId),
          eq(auditEvents.actorUserId, ctx.actor.userId),
          eq(auditEvents.outcome, "success"),
          isNotNull(auditEvents.justification),
          gte(auditEvents.at, since),
        ),
      )
      .orderBy(desc(auditEvents.at))
      .limit(1);
    if (last?.justification) return last.justification;
  }
  throw new JustificationRequiredError(item.purpose, item.marking);
}
