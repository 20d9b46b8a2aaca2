/**
 * The boards of one space, oldest first, each with the number of its cards the actor may read
 * (counted in SQL through the policy, so a card above their vetting is not counted). A space the
 * actor may not see is 404, like the space itself.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { boards, cards } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { boardColumnMap, cardColumns } from "../authz/columns";
import { readableSpace } from "../spaces/readable-space";
import { parseBoardInput } from "./board-shared";

export const ZListBoards = z.object({ spaceId: z.string({ message: "Name the space" }) });
export type ListBoardsInput = z.input<typeof ZListBoards>;

export type BoardSummary = { id: string; title: string; cardCount: number; createdAt: string };

/** The space's boards, and whether the actor may add one. */
export async function listBoards(ctx: PolicyCtx, raw: ListBoardsInput): Promise<{ items: BoardSummary[]; permissions: { canCreate: boolean } }> {
  const input = parseBoardInput(ZListBoards, raw);
  const space = await readableSpace(ctx, input.spaceId);
  const canCreate = can(ctx.ability, "create", "Board", { id: "", spaceId: space.id });
  const policy = accessibleWhere(ctx.ability, "read", "Board", boardColumnMap);
  if (!policy) return { items: [], permissions: { canCreate } };
  const rows = await ctx.db.select().from(boards).where(and(policy, eq(boards.spaceId, space.id))).orderBy(asc(boards.createdAt), asc(boards.id));
  const cardPolicy = accessibleWhere(ctx.ability, "read", "Card", cardColumns);
  const counts = new Map<string, number>();
  if (cardPolicy && rows.length > 0) {
    const grouped = await ctx.db
      .select({ boardId: cards.boardId, n: count() })
      .from(cards)
      .where(and(cardPolicy, inArray(cards.boardId, rows.map((r) => r.id))))
      .groupBy(cards.boardId);
    for (const g of grouped) counts.set(g.boardId, Number(g.n));
  }
  return {
    items: rows.map((r) => ({ id: r.id, title: r.title, cardCount: counts.get(r.id) ?? 0, createdAt: r.createdAt.toISOString() })),
    permissions: { canCreate },
  };
}
