/**
 * Tells a briefing's audience that a revision of it was published (the first or an update): every
 * member of its space who may read it now (briefing-audience.ts, the Briefing read rule for each
 * person), except the person who published it. Runs inside the publishing transaction, so the
 * notifications exist exactly when the revision does; one per person per revision.
 */
import type { briefings } from "@/db/schema";
import type { PolicyCtx } from "../context";
import { briefingSubject } from "../authz/columns";
import { briefingAudience } from "../briefings/briefing-audience";
import { notifyPeople } from "./notify-people";

/** Notifies the audience of `revisionId` (not its author); returns how many were told. */
export async function notifyBriefingAudience(ctx: PolicyCtx, input: { briefing: typeof briefings.$inferSelect; revisionId: string }): Promise<number> {
  const audience = await briefingAudience(ctx.db, { briefing: briefingSubject(input.briefing), now: ctx.now });
  const created = await notifyPeople(
    ctx,
    audience
      .filter(({ user }) => user.id !== ctx.actor.userId)
      .map(({ user }) => ({
        recipientId: user.id,
        kind: "briefing-published" as const,
        spaceId: input.briefing.spaceId,
        subjectType: "briefing" as const,
        subjectId: input.briefing.id,
        dedupeKey: `briefing-published:${input.briefing.id}:${input.revisionId}`,
      })),
  );
  return created.length;
}
