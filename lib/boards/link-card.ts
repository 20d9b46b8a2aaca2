/**
 * Links a card to a document, a file or a form submission of the same space (exactly one of
 * `documentId`, `fileId`, `submissionId`). The linker must be able to edit the card and read the
 * thing linked; a target of another space, one they may not read, and one that does not exist
 * all get the same clear error, so the link teaches nothing about what they cannot see. Linking
 * the same thing twice changes nothing. Viewers see a link only when they may read its target
 * (card-view.ts, card-snapshot.ts). Audited as "card.link".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { cardLinks, documents, files, submissions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { documentSubject, fileSubject, submissionSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";

export const LINKS_MAX = 50;

const TARGET_MESSAGE = "Link either a document (documentId), a file (fileId) or a form submission (submissionId)";
export const ZLinkCard = z
  .object({ cardId: z.string(), documentId: z.string().max(100).optional(), fileId: z.string().max(100).optional(), submissionId: z.string().max(100).optional() })
  .refine((v) => [v.documentId, v.fileId, v.submissionId].filter((id) => id !== undefined).length === 1, { message: TARGET_MESSAGE });
export type LinkCardInput = z.input<typeof ZLinkCard>;

const NOT_LINKABLE = "Link a document, file or form submission of this card's space that you can open";

/** The target's space, when it exists and the actor may read it (null otherwise: the caller answers NOT_LINKABLE either way). */
async function readableTargetSpace(ctx: PolicyCtx, input: z.infer<typeof ZLinkCard>, targetId: string): Promise<string | null> {
  if (input.documentId !== undefined) {
    const [doc] = await ctx.db.select().from(documents).where(eq(documents.id, targetId)).limit(1);
    return doc && can(ctx.ability, "read", "Document", documentSubject(doc)) ? doc.spaceId : null;
  }
  if (input.fileId !== undefined) {
    const [file] = await ctx.db.select().from(files).where(eq(files.id, targetId)).limit(1);
    return file && can(ctx.ability, "read", "File", fileSubject(file)) ? file.spaceId : null;
  }
  // Only what the policy reads: a submission's answers can run to megabytes.
  const [submission] = await ctx.db
    .select({
      id: submissions.id,
      spaceId: submissions.spaceId,
      owningAgencyId: submissions.owningAgencyId,
      markingRank: submissions.markingRank,
      descriptors: submissions.descriptors,
      handling: submissions.handling,
      recipientIds: submissions.recipientIds,
      useOnlyAgencyCodes: submissions.useOnlyAgencyCodes,
      isRestricted: submissions.isRestricted,
      ownerId: submissions.ownerId,
      status: submissions.status,
    })
    .from(submissions)
    .where(eq(submissions.id, targetId))
    .limit(1);
  return submission && can(ctx.ability, "read", "Submission", submissionSubject(submission)) ? submission.spaceId : null;
}

/** Adds the link; returns the card as it now is. */
export async function linkCard(ctx: PolicyCtx, raw: unknown): Promise<CardView> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.link");
  const input = parseBoardInput(ZLinkCard, raw);
  const targetId = (input.documentId ?? input.fileId ?? input.submissionId)!;
  if (!isUuid(targetId)) throw new InvalidInputError(NOT_LINKABLE);
  if ((await readableTargetSpace(ctx, input, targetId)) !== card.spaceId) throw new InvalidInputError(NOT_LINKABLE);
  const target = { documentId: input.documentId ?? null, fileId: input.fileId ?? null, submissionId: input.submissionId ?? null };
  const updated = await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    const existing = await tx.db.select({ id: cardLinks.id, documentId: cardLinks.documentId, fileId: cardLinks.fileId, submissionId: cardLinks.submissionId }).from(cardLinks).where(eq(cardLinks.cardId, row.id));
    const isLinked = existing.some((l) => l.documentId === target.documentId && l.fileId === target.fileId && l.submissionId === target.submissionId);
    if (!isLinked) {
      if (existing.length >= LINKS_MAX) throw new InvalidInputError(`A card has at most ${LINKS_MAX} links`);
      const [link] = await tx.db
        .insert(cardLinks)
        .values({ cardId: row.id, ...target, createdBy: tx.actor.userId, createdAt: tx.now })
        .returning({ id: cardLinks.id });
      await recordAudit(tx, { action: "card.link", ...cardAudit(row), details: { boardId: board.id, linkId: link!.id, ...target } });
    }
    return toCardView(tx, row);
  });
  signalBoardChanged(board.id, { type: "card", cardId: updated.id });
  return updated;
}
