/**
 * My work (issue 6): every card assigned to the actor, across all their spaces, with where it
 * lives and when it falls due. The threat: a reminder or an assignment that reveals a card the
 * recipient may no longer read (their vetting lapsed, or the agreement that let it reach them
 * ended). So the list is filtered in SQL by the card policy (and the board policy) AND the
 * assignment, like every list (conventions.md §2): a card assigned to someone who may not read it
 * is neither shown nor counted. Showing OFFICIAL-SENSITIVE cards is audited as a consultation,
 * as on a board. Completed cards are left out unless asked for (`includeCompleted`): done is
 * not work to do, and a completed card is never overdue.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { boardColumns, boards, cardAssignees, cards, spaces, type CardRecurrence } from "@/db/schema";
import { RANKS } from "@/policies/markings";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { boardColumnMap, cardColumns } from "../authz/columns";
import { parseBoardInput } from "./board-shared";

export const ZListMyWork = z.object({
  sort: z.enum(["due", "updated"], { message: "Sort by due or updated" }).default("due"),
  includeCompleted: z.boolean({ message: "Say whether to include completed cards (true or false)" }).default(false),
});
export type ListMyWorkInput = z.input<typeof ZListMyWork>;

/** The most cards My work shows: far above any one person's real load, a bound on one response. */
export const MY_WORK_MAX = 200;
/** How far ahead a due date counts as "due soon". */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

export type MyWorkItem = {
  id: string;
  title: string;
  boardId: string;
  boardTitle: string;
  spaceId: string;
  spaceName: string;
  columnTitle: string;
  marking: string;
  markingRank: number;
  startAt: string | null;
  dueAt: string | null;
  labels: string[];
  updatedAt: string;
  /** When it was completed (null while open). */
  completedAt: string | null;
  /** How it repeats (null: it does not). */
  recurrence: CardRecurrence | null;
  /** Open and due before `ctx.now`. */
  isOverdue: boolean;
  /** Open and due from `ctx.now` up to 24 hours later. */
  isDueSoon: boolean;
};

/** The cards assigned to the actor that they may read (open ones only unless told), sorted by due date (none last) or by last update. */
export async function listMyWork(ctx: PolicyCtx, raw: ListMyWorkInput = {}): Promise<{ items: MyWorkItem[] }> {
  const input = parseBoardInput(ZListMyWork, raw);
  const cardPolicy = accessibleWhere(ctx.ability, "read", "Card", cardColumns);
  const boardPolicy = accessibleWhere(ctx.ability, "read", "Board", boardColumnMap);
  if (!cardPolicy || !boardPolicy) return { items: [] };
  const order =
    input.sort === "due"
      ? [sql`${cards.dueAt} ASC NULLS LAST`, desc(cards.updatedAt), asc(cards.id)]
      : [desc(cards.updatedAt), sql`${cards.dueAt} ASC NULLS LAST`, asc(cards.id)];
  const rows = await ctx.db
    .select({
      id: cards.id,
      title: cards.title,
      boardId: cards.boardId,
      boardTitle: boards.title,
      spaceId: cards.spaceId,
      spaceName: spaces.name,
      columnTitle: boardColumns.title,
      marking: cards.marking,
      markingRank: cards.markingRank,
      owningAgencyId: cards.owningAgencyId,
      startAt: cards.startAt,
      dueAt: cards.dueAt,
      labels: cards.labels,
      updatedAt: cards.updatedAt,
      completedAt: cards.completedAt,
      recurrence: cards.recurrence,
    })
    .from(cards)
    .innerJoin(cardAssignees, and(eq(cardAssignees.cardId, cards.id), eq(cardAssignees.userId, ctx.actor.userId)))
    .innerJoin(boards, eq(boards.id, cards.boardId))
    .innerJoin(boardColumns, eq(boardColumns.id, cards.columnId))
    .innerJoin(spaces, eq(spaces.id, cards.spaceId))
    .where(and(cardPolicy, boardPolicy, input.includeCompleted ? undefined : isNull(cards.completedAt)))
    .orderBy(...order)
    .limit(MY_WORK_MAX);

  const sensitive = rows.filter((r) => r.markingRank >= RANKS["OFFICIAL-SENSITIVE"]);
  if (sensitive.length > 0) {
    await recordAudit(ctx, {
      action: "card.my_work_read",
      subjectType: "user",
      subjectId: ctx.actor.userId,
      markingBefore: sensitive.reduce((a, b) => (b.markingRank > a.markingRank ? b : a)).marking,
      details: { sensitiveCardIds: sensitive.map((r) => r.id), crossAgency: sensitive.some((r) => r.owningAgencyId !== ctx.actor.agency.id) },
    });
  }

  const now = ctx.now.getTime();
  return {
    items: rows.map((r) => {
      // A completed card is no longer due.
      const due = r.completedAt ? null : (r.dueAt?.getTime() ?? null);
      return {
        id: r.id,
        title: r.title,
        boardId: r.boardId,
        boardTitle: r.boardTitle,
        spaceId: r.spaceId,
        spaceName: r.spaceName,
        columnTitle: r.columnTitle,
        marking: r.marking,
        markingRank: r.markingRank,
        startAt: r.startAt?.toISOString() ?? null,
        dueAt: r.dueAt?.toISOString() ?? null,
        labels: r.labels,
        updatedAt: r.updatedAt.toISOString(),
        completedAt: r.completedAt?.toISOString() ?? null,
        recurrence: r.recurrence ?? null,
        isOverdue: due !== null && due < now,
        isDueSoon: due !== null && due >= now && due <= now + DUE_SOON_MS,
      };
    }),
  };
}
