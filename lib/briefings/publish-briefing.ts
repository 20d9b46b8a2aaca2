/**
 * Publishes a new briefing on a board, with its text as revision 1. Its marking is the space's
 * default unless another is chosen, never above the space's ceiling or the deployment's, and only
 * one the author's vetting and agency's standing let them create (the policy's "create" on
 * Briefing, as for cards: lib/boards/card-marking.ts checks the marking); the briefing belongs to
 * the author's agency. Attachments must be files of the board's space the author may read. Bad
 * input is refused with a clear error and nothing is stored. Audited as "briefing.publish" in the
 * same transaction, in which everyone who may read it but the author gets a "briefing-published"
 * notification; open boards are told once it has committed.
 */
import { z } from "zod";
import { briefingRevisions, briefings } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { parseBoardInput, readableBoard, ZBoardRef } from "../boards/board-shared";
import { resolveCardMarking } from "../boards/card-marking";
import { signalBoardChanged } from "../boards/board-events";
import { checkAttachments, ZAttachments, ZBriefingBody, ZBriefingTitle } from "./briefing-shared";
import { toBriefingViews, type BriefingView } from "./briefing-view";
import { notifyBriefingAudience } from "../notifications/notify-briefing-audience";

export const ZPublishBriefing = z.object({
  boardId: z.string(),
  title: ZBriefingTitle,
  body: ZBriefingBody,
  attachments: ZAttachments.default([]),
  /** Empty: the space's default marking. */
  marking: z.string({ message: "The marking must be text" }).max(200, "The marking is too long").default(""),
  recipientIds: z.array(z.uuid({ message: "A recipient must be a person's id" })).max(200).default([]),
});
export type PublishBriefingInput = z.input<typeof ZPublishBriefing>;

/** Publishes the briefing; returns it as the board shows it. */
export async function publishBriefing(ctx: PolicyCtx, raw: unknown): Promise<BriefingView> {
  const { board, space } = await readableBoard(ctx, parseBoardInput(ZBoardRef, raw).boardId);
  const input = parseBoardInput(ZPublishBriefing, raw);
  const created = await inTransaction(ctx, async (tx) => {
    // A briefing's marking follows the same checks as a card's: one implementation, so they cannot drift.
    const markingColumns = await resolveCardMarking(tx, space, input.marking, input.recipientIds);
    const fields = { id: "", spaceId: space.id, owningAgencyId: tx.actor.agency.id, ...markingColumns };
    if (!can(tx.ability, "create", "Briefing", fields)) {
      const isVettingTheReason = can(tx.ability, "create", "Briefing", { ...fields, markingRank: 1, descriptors: [], handling: "", recipientIds: [], useOnlyAgencyCodes: [] });
      throw new ForbiddenError(isVettingTheReason ? `Your vetting does not allow you to publish a briefing marked ${markingColumns.marking}` : "You cannot publish briefings on this board");
    }
    const attachments = await checkAttachments(tx, space.id, input.attachments);
    const [row] = await tx.db
      .insert(briefings)
      .values({ boardId: board.id, spaceId: space.id, owningAgencyId: tx.actor.agency.id, title: input.title, ...markingColumns, createdBy: tx.actor.userId, createdAt: tx.now })
      .returning();
    const [revision] = await tx.db
      .insert(briefingRevisions)
      .values({ briefingId: row!.id, number: 1, body: input.body, attachments, publishedBy: tx.actor.userId, publishedAt: tx.now })
      .returning({ id: briefingRevisions.id });
    await recordAudit(tx, { action: "briefing.publish", subjectType: "briefing", subjectId: row!.id, spaceId: space.id, markingAfter: row!.marking, details: { boardId: board.id, revisionId: revision!.id, revision: 1, attachments } });
    // Its audience (all but the author) is told, in this transaction.
    await notifyBriefingAudience(tx, { briefing: row!, revisionId: revision!.id });
    return (await toBriefingViews(tx, [row!]))[0]!;
  });
  signalBoardChanged(board.id, { type: "briefings" });
  return created;
}
