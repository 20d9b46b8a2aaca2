/**
 * Publishes an update of a briefing as its next revision. Acknowledgements belong to a revision,
 * so after an update everyone must acknowledge again: nobody is shown as briefed on text they
 * have not seen. The reviser must be able to update the briefing (404 when it is invisible to
 * them, 403 when read-only); attachments are checked as on publishing. Audited as
 * "briefing.revise" in the same transaction, in which its audience but the reviser gets a
 * "briefing-published" notification; open boards are told once it has committed.
 */
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { briefingRevisions, briefings } from "@/db/schema";
import { InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { parseBoardInput } from "../boards/board-shared";
import { signalBoardChanged } from "../boards/board-events";
import { briefingAudit, checkAttachments, updatableBriefing, ZAttachments, ZBriefingBody, ZBriefingRef } from "./briefing-shared";
import { toBriefingViews, type BriefingView } from "./briefing-view";
import { notifyBriefingAudience } from "../notifications/notify-briefing-audience";

/** The most revisions one briefing has (dozens a day would be many). */
export const REVISIONS_MAX = 500;

export const ZReviseBriefing = z.object({ briefingId: z.string(), body: ZBriefingBody, attachments: ZAttachments.default([]) });
export type ReviseBriefingInput = z.input<typeof ZReviseBriefing>;

/** Adds the revision; returns the briefing as it now is. */
export async function reviseBriefing(ctx: PolicyCtx, raw: unknown): Promise<BriefingView> {
  const { briefing, board, space } = await updatableBriefing(ctx, parseBoardInput(ZBriefingRef, raw).briefingId, "briefing.revise");
  const input = parseBoardInput(ZReviseBriefing, raw);
  const updated = await inTransaction(ctx, async (tx) => {
    // Locked, so that two updates at once become revisions n+1 and n+2 rather than a clash.
    const [row] = await tx.db.select().from(briefings).where(eq(briefings.id, briefing.id)).for("update").limit(1);
    if (!row) throw new NotFoundError();
    const attachments = await checkAttachments(tx, space.id, input.attachments);
    const [last] = await tx.db.select({ number: briefingRevisions.number }).from(briefingRevisions).where(eq(briefingRevisions.briefingId, row.id)).orderBy(desc(briefingRevisions.number)).limit(1);
    const number = (last?.number ?? 0) + 1;
    if (number > REVISIONS_MAX) throw new InvalidInputError(`A briefing has at most ${REVISIONS_MAX} revisions: publish a new briefing`);
    const [revision] = await tx.db
      .insert(briefingRevisions)
      .values({ briefingId: row.id, number, body: input.body, attachments, publishedBy: tx.actor.userId, publishedAt: tx.now })
      .returning({ id: briefingRevisions.id });
    await recordAudit(tx, { action: "briefing.revise", ...briefingAudit(row), details: { boardId: board.id, revisionId: revision!.id, revision: number, attachments } });
    // Everyone must acknowledge again, so its audience (all but the reviser) is told, in this transaction.
    await notifyBriefingAudience(tx, { briefing: row, revisionId: revision!.id });
    return (await toBriefingViews(tx, [row]))[0]!;
  });
  signalBoardChanged(board.id, { type: "briefings" });
  return updated;
}
