/**
 * One card, for someone who may read it: 404 otherwise (audited as a refused read, as for
 * documents and files). Reading an OFFICIAL-SENSITIVE card is audited (DPA 2018 s.62).
 */
import { z } from "zod";
import { RANKS } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardAudit, parseBoardInput, readableCard } from "./board-shared";
import { toCardView, type CardView } from "./card-view";

export const ZGetCard = z.object({ cardId: z.string({ message: "Name the card" }) });
export type GetCardInput = z.input<typeof ZGetCard>;

/** The card as the board shows it. */
export async function getCard(ctx: PolicyCtx, raw: GetCardInput): Promise<CardView> {
  const { card } = await readableCard(ctx, parseBoardInput(ZGetCard, raw).cardId);
  if (card.markingRank >= RANKS["OFFICIAL-SENSITIVE"]) {
    await recordAudit(ctx, { action: "card.read", ...cardAudit(card), details: { boardId: card.boardId, crossAgency: card.owningAgencyId !== ctx.actor.agency.id } });
  }
  return toCardView(ctx, card);
}
