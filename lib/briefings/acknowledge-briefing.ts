/**
 * Records that the actor was briefed on a briefing's latest revision. Everyone who may read the
 * briefing may acknowledge it (the policy's "read": the audience is whoever may read it); someone
 * who may not gets 404. Naming an older revision (the page was open when an update came) is
 * refused with a conflict that names the latest one, so nobody is recorded as briefed on text
 * they have not seen. Acknowledging twice changes nothing. Audited as "briefing.acknowledge" in
 * the same transaction; open boards are told once it has committed.
 */
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { briefingAcknowledgements, briefingRevisions, briefings } from "@/db/schema";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { parseBoardInput } from "../boards/board-shared";
import { isUuid } from "../spaces/get-space";
import { signalBoardChanged } from "../boards/board-events";
import { briefingAudit, readableBriefing, ZBriefingRef } from "./briefing-shared";
import { toBriefingViews, type BriefingView } from "./briefing-view";

export const ZAcknowledgeBriefing = z.object({
  briefingId: z.string(),
  /** The revision read; when given it must be the latest (omitted: the latest). */
  revisionId: z.string({ message: "The revision must be named by its id" }).max(100).optional(),
});
export type AcknowledgeBriefingInput = z.input<typeof ZAcknowledgeBriefing>;

/** Acknowledges the latest revision; returns the briefing as the actor now sees it. */
export async function acknowledgeBriefing(ctx: PolicyCtx, raw: unknown): Promise<BriefingView> {
  const { briefing, board } = await readableBriefing(ctx, parseBoardInput(ZBriefingRef, raw).briefingId, "briefing.acknowledge");
  const input = parseBoardInput(ZAcknowledgeBriefing, raw);
  const view = await inTransaction(ctx, async (tx) => {
    // Shared lock: a revision published meanwhile waits, so "latest" is still latest at commit.
    const [row] = await tx.db.select().from(briefings).where(eq(briefings.id, briefing.id)).for("share").limit(1);
    if (!row) throw new NotFoundError();
    const [latest] = await tx.db.select().from(briefingRevisions).where(eq(briefingRevisions.briefingId, row.id)).orderBy(desc(briefingRevisions.number)).limit(1);
    if (!latest) throw new NotFoundError();
    if (input.revisionId !== undefined && input.revisionId !== latest.id) {
      // Checked before querying: a malformed uuid would abort the transaction in PostgreSQL.
      const [named] = isUuid(input.revisionId) ? await tx.db.select({ briefingId: briefingRevisions.briefingId, number: briefingRevisions.number }).from(briefingRevisions).where(eq(briefingRevisions.id, input.revisionId)).limit(1) : [];
      if (!named || named.briefingId !== row.id) throw new InvalidInputError("Name a revision of this briefing");
      throw new ConflictError(`This briefing has been updated since revision ${named.number}: read revision ${latest.number} and acknowledge that`, { latestRevisionId: latest.id, latestRevision: latest.number });
    }
    const inserted = await tx.db
      .insert(briefingAcknowledgements)
      .values({ revisionId: latest.id, userId: tx.actor.userId, acknowledgedAt: tx.now })
      .onConflictDoNothing()
      .returning({ revisionId: briefingAcknowledgements.revisionId });
    if (inserted.length > 0) {
      await recordAudit(tx, { action: "briefing.acknowledge", ...briefingAudit(row), details: { boardId: board.id, revisionId: latest.id, revision: latest.number } });
    }
    return (await toBriefingViews(tx, [row]))[0]!;
  });
  signalBoardChanged(board.id, { type: "briefings" });
  return view;
}
