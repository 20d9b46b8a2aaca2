/**
 * A board's briefings that the viewer may read, newest first, each with its latest revision and
 * whether the viewer was briefed on it; filtered in SQL by the policy (accessibleWhere,
 * conventions.md §2), so a briefing above the viewer's vetting is neither shown nor counted. A
 * board the viewer may not see is 404.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { briefings } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { briefingColumns } from "../authz/columns";
import { creatableMarkings } from "../spaces/creatable-markings";
import { parseBoardInput, readableBoard } from "../boards/board-shared";
import { toBriefingViews, type BriefingView } from "./briefing-view";

export const ZListBriefings = z.object({ boardId: z.string({ message: "Name the board" }) });
export type ListBriefingsInput = z.input<typeof ZListBriefings>;

/** The most briefings one board lists: far above a day's worth, a bound on one response. */
export const BOARD_BRIEFINGS_MAX = 200;

export type BriefingList = {
  /** The board's space: where the files that may be attached live (GET /api/v1/spaces/{spaceId}/files). */
  spaceId: string;
  items: BriefingView[];
  /** The markings the viewer may give a new briefing here, and the one offered first; canPublish false when none. */
  markings: string[];
  defaultMarking: string | null;
  permissions: { canPublish: boolean };
};

/** The board's briefings the viewer may read. */
export async function listBriefings(ctx: PolicyCtx, raw: ListBriefingsInput): Promise<BriefingList> {
  const { boardId } = parseBoardInput(ZListBriefings, raw);
  const { board, space } = await readableBoard(ctx, boardId);
  const policy = accessibleWhere(ctx.ability, "read", "Briefing", briefingColumns);
  const rows = policy
    ? await ctx.db
        .select()
        .from(briefings)
        .where(and(policy, eq(briefings.boardId, board.id)))
        .orderBy(desc(briefings.createdAt), desc(briefings.id))
        .limit(BOARD_BRIEFINGS_MAX)
    : [];
  const choices = creatableMarkings(ctx, space, "Briefing");
  const canPublish = choices.markings.length > 0 && can(ctx.ability, "create", "Briefing", { id: "", spaceId: space.id, owningAgencyId: ctx.actor.agency.id, markingRank: 1, descriptors: [], handling: "", recipientIds: [], useOnlyAgencyCodes: [] });
  return { spaceId: space.id, items: await toBriefingViews(ctx, rows), markings: choices.markings, defaultMarking: choices.defaultMarking, permissions: { canPublish } };
}
