/**
 * A card's marking as stored columns, checked as a document's is (lib/documents/
 * check-marking-for-space.ts): a valid marking within the deployment's and the space's ceilings,
 * named recipients who are members of the space, organisations Accord knows. The threat: a card
 * marked above what the system or the space may hold, or for an audience that cannot exist.
 */
import { formatMarking } from "@/policies/classification";
import type { PolicyCtx } from "../context";
import { checkMarkingForSpace } from "../documents/check-marking-for-space";
import type { BoardSpace } from "./board-shared";

export type CardMarking = { marking: string; markingRank: number; descriptors: string[]; handling: string; recipientIds: string[]; useOnlyAgencyCodes: string[] };

/** The marking `text` (the space's default when empty) as a card's columns; InvalidInputError when it may not go on a card here. */
export async function resolveCardMarking(ctx: PolicyCtx, space: BoardSpace, text: string, recipientIds: string[]): Promise<CardMarking> {
  const { marking, rank } = await checkMarkingForSpace(ctx, { text: text.trim() || space.defaultMarking, recipientIds, space });
  return {
    marking: formatMarking(marking),
    markingRank: rank,
    descriptors: marking.descriptors,
    handling: marking.handling ?? "",
    recipientIds: marking.recipients,
    useOnlyAgencyCodes: marking.organisations,
  };
}
