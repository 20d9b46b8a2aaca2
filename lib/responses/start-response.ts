/**
 * "Start response": turns a pre-planned response template into a real tasking board in a space,
 * with the template's columns in order and every card dated from the moment the response starts.
 *
 * It is built from the board operations themselves (createBoard, createCard), so the same checks
 * decide it: the actor needs "create" on Board in the space (a reader is refused, 403; a space they
 * cannot see is 404), every card gets the space's default marking and the creator's agency, and
 * every card passes the same input rules as one added by hand. All of it happens in one
 * transaction: if any card is refused, nothing is left behind, not even the board. The threat it
 * guards against is a half-built board (some actions missing) that people then work from.
 * Audited as "response.start" with the template's key, beside the board and card events.
 *
 * It can also go onto a board the space already has (`boardId`), which is how a response joins
 * an operation already under way: the template's columns are matched to the board's by title
 * (case and spaces aside) and any it lacks are added at the end; the board needs "update" and
 * each card "create", as by hand. Everyone watching the board sees it fill when the transaction
 * commits (one board-changed signal: their pages refetch it, each as its own viewer).
 */
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { boardColumns } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { editableBoard, paragraphsOf, parseBoardInput, titleOf } from "../boards/board-shared";
import { createBoard } from "../boards/create-board";
import { createColumn } from "../boards/create-column";
import { signalBoardChanged } from "../boards/board-events";
import { createCard } from "../boards/create-card";
import { cardDates, type ResponseTemplateCard } from "./response-template";
import { readableTemplate, templateContent } from "./get-response-template";

/** The longest board title (as createBoard allows). */
const BOARD_TITLE_MAX = 200;

export const ZStartResponse = z.object({
  templateId: z.string({ message: "Choose a template" }),
  spaceId: z.string({ message: "Name the space" }),
  startsAt: z
    .string({ message: "Give the start as a date and time, e.g. 2026-05-01T09:00:00Z" })
    .pipe(z.iso.datetime({ offset: true, message: "Give the start as an ISO 8601 date and time with its time zone, e.g. 2026-05-01T09:00:00Z" }))
    .transform((v) => new Date(v)),
  title: titleOf("board", BOARD_TITLE_MAX).optional(),
  boardId: z.string({ message: "Name the board to add the response to" }).max(100).optional(),
});
export type StartResponseInput = z.input<typeof ZStartResponse>;

/** How the default title names the start: in UK time, as the people running the response read it. */
const START_FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

/** The board title when none is given: the template's title and the start, cut to fit. */
export function defaultResponseTitle(templateTitle: string, startsAt: Date): string {
  const suffix = ` — ${START_FORMAT.format(startsAt)}`;
  return `${templateTitle.slice(0, BOARD_TITLE_MAX - suffix.length)}${suffix}`;
}

/** A card's description: the prescribed action, then the resources and the reference, one paragraph each. */
export function cardDescriptionText(card: ResponseTemplateCard): string {
  const lines = [card.action];
  if (card.resources.length > 0) lines.push(`Resources: ${card.resources.join(", ")}`);
  if (card.reference) lines.push(`Reference: ${card.reference}`);
  return lines.join("\n");
}

/** A column title as matched between a template and a board: case and runs of spaces aside. */
const columnKey = (title: string) => title.trim().replace(/\s+/g, " ").toLocaleLowerCase("en-GB");

/**
 * The board's column for each of the template's, in the template's order: matched by title, the
 * missing ones added at the end of the board (createColumn's checks and audit).
 */
async function columnsFor(tx: PolicyCtx, boardId: string, titles: string[]): Promise<{ id: string }[]> {
  const existing = await tx.db.select({ id: boardColumns.id, title: boardColumns.title }).from(boardColumns).where(eq(boardColumns.boardId, boardId)).orderBy(asc(boardColumns.position), asc(boardColumns.id));
  const byKey = new Map(existing.map((c) => [columnKey(c.title), { id: c.id }] as const));
  const result: { id: string }[] = [];
  for (const title of titles) {
    const found = byKey.get(columnKey(title)) ?? (await createColumn(tx, { boardId, title }));
    byKey.set(columnKey(title), found);
    result.push(found);
  }
  return result;
}

/** Creates the board from the template (or adds the template to `boardId`); returns the board's id. */
export async function startResponse(ctx: PolicyCtx, raw: unknown): Promise<{ boardId: string }> {
  const input = parseBoardInput(ZStartResponse, raw);
  const row = await readableTemplate(ctx, input.templateId);
  const template = templateContent(row);
  const title = input.title ?? defaultResponseTitle(template.title, input.startsAt);
  const started = await inTransaction(ctx, async (tx) => {
    let boardId: string;
    let columns: { id: string }[];
    if (input.boardId !== undefined) {
      // 404 for a board the actor cannot see, 403 for one they may not change; a board of
      // another space is refused like a column of another board is: it reveals nothing.
      const { board } = await editableBoard(tx, input.boardId);
      if (board.spaceId !== input.spaceId) throw new InvalidInputError("A response can only be added to a board of this space");
      boardId = board.id;
      columns = await columnsFor(tx, boardId, template.columns.map((c) => c.title));
    } else {
      // createBoard checks "create" on Board in the space (404 / 403) and makes the columns in order.
      boardId = (await createBoard(tx, { spaceId: input.spaceId, title, columns: template.columns.map((c) => c.title) })).id;
      columns = await tx.db.select({ id: boardColumns.id }).from(boardColumns).where(eq(boardColumns.boardId, boardId)).orderBy(asc(boardColumns.position), asc(boardColumns.id));
    }
    let cardCount = 0;
    for (const [i, column] of template.columns.entries()) {
      for (const card of column.cards) {
        const { startAt, dueAt } = cardDates(card, input.startsAt);
        try {
          await createCard(tx, {
            boardId,
            columnId: columns[i]!.id,
            title: card.title,
            description: paragraphsOf(cardDescriptionText(card)),
            startAt: startAt.toISOString(),
            dueAt: dueAt.toISOString(),
            labels: card.labels,
            checklist: card.checklist.map((text) => ({ text })),
          });
        } catch (err) {
          // Name the card, so whoever maintains the template knows what to fix; the throw rolls everything back.
          if (err instanceof InvalidInputError) throw new InvalidInputError(`The template's card "${card.title.slice(0, 80)}" cannot be added: ${err.message}`);
          throw err;
        }
        cardCount += 1;
      }
    }
    await recordAudit(tx, {
      action: "response.start",
      subjectType: "board",
      subjectId: boardId,
      spaceId: input.spaceId,
      details: {
        templateId: row.id,
        templateKey: row.key,
        templateScope: row.scope,
        startsAt: input.startsAt.toISOString(),
        columns: template.columns.length,
        cards: cardCount,
        intoExistingBoard: input.boardId !== undefined,
      },
    });
    return { boardId };
  });
  // The cards' own signals went out before this commit; the board's watchers refetch it now.
  if (input.boardId !== undefined) signalBoardChanged(started.boardId);
  return started;
}

