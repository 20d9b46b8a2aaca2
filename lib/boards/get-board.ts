/**
 * One board as the actor may see it: its columns in order, and in each only the cards the actor
 * may read, filtered in SQL by the policy (accessibleWhere, conventions.md §2). Each column's
 * count is the number of those cards, so a card above the viewer's vetting is neither shown nor
 * counted: nothing says it exists. A board the actor may not see is 404. Showing
 * OFFICIAL-SENSITIVE cards is a consultation of them, audited once per view with their ids
 * (DPA 2018 s.62), as reading such a document is.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { boardColumns, cards } from "@/db/schema";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { boardSubject, cardColumns } from "../authz/columns";
import { creatableMarkings } from "../spaces/creatable-markings";
import { parseBoardInput, readableBoard, type BoardSpace } from "./board-shared";
import { toCardViews, type CardView } from "./card-view";
import { comparePositioned } from "./positions";

export const ZGetBoard = z.object({ boardId: z.string({ message: "Name the board" }) });
export type GetBoardInput = z.input<typeof ZGetBoard>;

/** The most cards one board shows: far above any real board, a bound on one response. */
export const BOARD_CARDS_MAX = 2000;

export type BoardColumnView = { id: string; title: string; position: string; cardCount: number; cards: CardView[] };

export type BoardView = {
  id: string;
  title: string;
  space: { id: string; name: string; ceilingMarking: string; defaultMarking: string };
  /** The highest marking among the cards shown (for the page's banner); the space's default when there are none. */
  highestMarking: { marking: string; rank: number };
  columns: BoardColumnView[];
  /** The markings the actor may give a new card here, and the one offered first. */
  markings: string[];
  defaultMarking: string | null;
  permissions: { canUpdate: boolean; canDelete: boolean; canCreateCards: boolean };
  createdAt: string;
};

/** The board, its columns and the cards the actor may read. */
export async function getBoard(ctx: PolicyCtx, raw: GetBoardInput): Promise<BoardView> {
  const { boardId } = parseBoardInput(ZGetBoard, raw);
  const { board, space } = await readableBoard(ctx, boardId);
  const columns = await ctx.db.select().from(boardColumns).where(eq(boardColumns.boardId, board.id)).orderBy(asc(boardColumns.position), asc(boardColumns.id));
  const policy = accessibleWhere(ctx.ability, "read", "Card", cardColumns);
  const rows = policy
    ? await ctx.db
        .select()
        .from(cards)
        .where(and(policy, eq(cards.boardId, board.id)))
        .orderBy(asc(cards.columnId), sql`${cards.position} COLLATE "C"`, asc(cards.id))
        .limit(BOARD_CARDS_MAX)
    : [];
  const views = await toCardViews(ctx, rows);
  const sensitive = rows.filter((r) => r.markingRank >= RANKS["OFFICIAL-SENSITIVE"]);
  if (sensitive.length > 0) {
    await recordAudit(ctx, {
      action: "board.read",
      subjectType: "board",
      subjectId: board.id,
      spaceId: board.spaceId,
      markingBefore: sensitive.reduce((a, b) => (b.markingRank > a.markingRank ? b : a)).marking,
      details: { sensitiveCardIds: sensitive.map((r) => r.id), crossAgency: sensitive.some((r) => r.owningAgencyId !== ctx.actor.agency.id) },
    });
  }
  const subject = boardSubject(board);
  const choices = creatableMarkings(ctx, spaceForMarkings(space), "Card");
  const highest = rows.reduce<{ marking: string; rank: number } | null>((a, r) => (a && a.rank >= r.markingRank ? a : { marking: r.marking, rank: r.markingRank }), null);
  return {
    id: board.id,
    title: board.title,
    space: { id: space.id, name: space.name, ceilingMarking: space.ceilingMarking, defaultMarking: space.defaultMarking },
    highestMarking: highest ?? { marking: space.defaultMarking, rank: space.defaultRank },
    columns: columns.map((c) => {
      const inColumn = views.filter((v) => v.columnId === c.id).sort(comparePositioned);
      return { id: c.id, title: c.title, position: c.position, cardCount: inColumn.length, cards: inColumn };
    }),
    markings: choices.markings,
    defaultMarking: choices.defaultMarking,
    permissions: {
      canUpdate: can(ctx.ability, "update", "Board", subject),
      canDelete: can(ctx.ability, "delete", "Board", subject),
      canCreateCards: choices.markings.length > 0,
    },
    createdAt: board.createdAt.toISOString(),
  };
}

/** The space's fields creatableMarkings() reads. */
export function spaceForMarkings(space: BoardSpace) {
  return { id: space.id, ceilingRank: space.ceilingRank, defaultMarking: space.defaultMarking };
}
