/**
 * What the board operations share: parsing input into clear errors (nothing is stored on bad
 * input), finding a board, a column or a card together with the checks every operation makes,
 * and the zod shapes of a card's fields.
 *
 * The threats they guard against: a board or card reached through an id by someone who may not
 * see it (a board outside the actor's spaces, or a card above their vetting or across an
 * agreement that does not let it cross, answers exactly like a missing one: 404, and the refused
 * read of a card is audited as for documents and files); a column of another board, or of
 * another space, used to smuggle a card out of its board; and markup or oversize input stored in
 * a card (the description is cleaned to the editor's schema; every text has a limit, which the
 * database's checks repeat).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { JSONContent } from "@tiptap/core";
import { boardColumns, boards, cards, spaces, type ChecklistItem } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError, NotFoundError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { boardSubject, cardSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { cleanDocumentJson, printableText } from "../editor/clean-document-json";

export type BoardRow = typeof boards.$inferSelect;
export type ColumnRow = typeof boardColumns.$inferSelect;
export type CardRow = typeof cards.$inferSelect;
export type BoardSpace = Pick<typeof spaces.$inferSelect, "id" | "name" | "ceilingMarking" | "ceilingRank" | "defaultMarking" | "defaultRank">;

/** The longest card title, in characters (the issue's bad-input case is a 10,000-character one). */
export const CARD_TITLE_MAX = 200;
/** The longest checklist item, and the most items a checklist has. */
export const CHECKLIST_TEXT_MAX = 500;
export const CHECKLIST_MAX = 100;
/** The most labels on a card, and the longest label. */
export const LABELS_MAX = 20;
export const LABEL_MAX = 40;
/** The description's JSON, at most this many characters once cleaned (far above any real card). */
export const DESCRIPTION_MAX_CHARS = 40_000;

// Control characters other than tab have no place in a title or label (NUL cannot even be stored).
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * Parses an operation's input, turning the first problem into an InvalidInputError with its
 * message (which the API and the board page show as they are).
 */
export function parseBoardInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  return parseInput(schema, raw);
}

/** A title of a board, column or card: trimmed, 1 to `max` characters, no control characters. */
export const titleOf = (what: string, max: number) =>
  z
    .string({ message: `Give the ${what} a title` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `Give the ${what} a title: it cannot be empty`)
        .max(max, `A ${what} title has at most ${max.toLocaleString("en-GB")} characters`)
        .refine((s) => !CONTROL.test(s), { message: `A ${what} title cannot contain control characters` }),
    );

/** The card's description: the editor's JSON, or plain text (each line a paragraph); cleaned. */
export const ZDescription = z
  .union([z.string().max(DESCRIPTION_MAX_CHARS, "The description is too long"), z.record(z.string(), z.unknown())], {
    message: "The description must be text or the editor's JSON",
  })
  .transform((value, issueCtx): JSONContent => {
    const cleaned = typeof value === "string" ? paragraphsOf(value) : cleanDocumentJson(value);
    if (JSON.stringify(cleaned).length > DESCRIPTION_MAX_CHARS) {
      issueCtx.addIssue({ code: "custom", message: "The description is too long" });
      return z.NEVER;
    }
    return cleaned;
  });

/** Plain text as the editor's JSON: one paragraph per line (blank lines kept as empty paragraphs). */
export function paragraphsOf(text: string): JSONContent {
  const lines = printableText(text.replace(/\r\n?/g, "\n")).split("\n");
  return cleanDocumentJson({ type: "doc", content: lines.map((line) => (line ? { type: "paragraph", content: [{ type: "text", text: line }] } : { type: "paragraph" })) });
}

/** The plain text of a description (paragraphs joined by new lines), for the simple editor. */
export function plainTextOf(doc: JSONContent): string {
  const text = (node: JSONContent): string => (node.type === "text" ? (node.text ?? "") : (node.content ?? []).map(text).join(""));
  return (doc.content ?? []).map(text).join("\n");
}

/** An instant, as an ISO 8601 date-time (or a date, meaning its midnight UTC), or null for none. */
export const ZInstant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date(), z.null()], { message: "Give dates as ISO 8601, e.g. 2026-05-01T09:00:00Z" })
  .transform((v) => (v === null ? null : new Date(v)));

/** Labels: trimmed, each 1 to 40 characters, at most 20, each once. */
export const ZLabels = z
  .array(
    z
      .string({ message: "A label must be text" })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, "A label cannot be empty").max(LABEL_MAX, `A label has at most ${LABEL_MAX} characters`).refine((s) => !CONTROL.test(s), { message: "A label cannot contain control characters" })),
    { message: "Labels must be a list" },
  )
  .max(LABELS_MAX, `A card has at most ${LABELS_MAX} labels`)
  .transform((labels) => [...new Set(labels)]);

/** A checklist: at most 100 items, each with text of 1 to 500 characters and a done flag. */
export const ZChecklist = z
  .array(
    z.object({
      id: z.string().max(100).optional(),
      text: z
        .string({ message: "A checklist item must be text" })
        .transform((s) => s.trim())
        .pipe(z.string().min(1, "A checklist item cannot be empty").max(CHECKLIST_TEXT_MAX, `A checklist item has at most ${CHECKLIST_TEXT_MAX} characters`)),
      done: z.boolean({ message: "Say whether each checklist item is done" }).default(false),
    }),
    { message: "The checklist must be a list" },
  )
  .max(CHECKLIST_MAX, `A checklist has at most ${CHECKLIST_MAX} items`)
  .transform((items): ChecklistItem[] => items.map((i) => ({ id: i.id && /^[\w-]{1,100}$/.test(i.id) ? i.id : randomUUID(), text: printableText(i.text), done: i.done })));

/** Start and due dates together: a due date never before the start. */
export function checkDates(startAt: Date | null, dueAt: Date | null): void {
  if (startAt && dueAt && dueAt.getTime() < startAt.getTime()) throw new InvalidInputError("The due date cannot be before the start date");
}

/** The board and its space, when the actor may see it (NotFoundError otherwise). */
export async function readableBoard(ctx: PolicyCtx, boardId: unknown): Promise<{ board: BoardRow; space: BoardSpace }> {
  if (typeof boardId !== "string" || !isUuid(boardId)) throw new NotFoundError();
  const [row] = await ctx.db
    .select({
      board: boards,
      space: { id: spaces.id, name: spaces.name, ceilingMarking: spaces.ceilingMarking, ceilingRank: spaces.ceilingRank, defaultMarking: spaces.defaultMarking, defaultRank: spaces.defaultRank },
    })
    .from(boards)
    .innerJoin(spaces, eq(spaces.id, boards.spaceId))
    .where(eq(boards.id, boardId))
    .limit(1);
  if (!row) throw new NotFoundError();
  authorize(ctx.ability, "read", "Board", boardSubject(row.board));
  return row;
}

/** The board, when the actor may change it: NotFoundError when invisible, ForbiddenError when read-only to them. */
export async function editableBoard(ctx: PolicyCtx, boardId: unknown, action: "update" | "delete" = "update") {
  const found = await readableBoard(ctx, boardId);
  if (!can(ctx.ability, action, "Board", boardSubject(found.board))) throw new ForbiddenError("You can see this board but not change it");
  return found;
}

/** A column and its board, when the actor may change the board (404 for a column of a board they cannot see). */
export async function editableColumn(ctx: PolicyCtx, columnId: unknown): Promise<{ column: ColumnRow; board: BoardRow; space: BoardSpace }> {
  if (typeof columnId !== "string" || !isUuid(columnId)) throw new NotFoundError();
  const [column] = await ctx.db.select().from(boardColumns).where(eq(boardColumns.id, columnId)).limit(1);
  if (!column) throw new NotFoundError();
  return { column, ...(await editableBoard(ctx, column.boardId)) };
}

/**
 * A card the actor may read, with its board; NotFoundError otherwise. A refused read of an
 * existing card is audited (every authorization decision on marked content), outside any
 * transaction so that the record survives the refusal.
 */
export async function readableCard(ctx: PolicyCtx, cardId: unknown, action = "card.read"): Promise<{ card: CardRow; board: BoardRow; space: BoardSpace }> {
  if (typeof cardId !== "string" || !isUuid(cardId)) throw new NotFoundError();
  const [card] = await ctx.db.select().from(cards).where(eq(cards.id, cardId)).limit(1);
  if (!card) throw new NotFoundError();
  if (!can(ctx.ability, "read", "Card", cardSubject(card))) {
    await auditRefusedCardRead(ctx, card, action);
    throw new NotFoundError();
  }
  return { card, ...(await readableBoard(ctx, card.boardId)) };
}

/** Records a refused read of an existing card (call it outside the refused operation's transaction, so the record survives). */
export async function auditRefusedCardRead(ctx: PolicyCtx, card: Pick<CardRow, "id" | "marking" | "owningAgencyId" | "spaceId">, action: string): Promise<void> {
  await recordAudit(ctx, {
    action,
    outcome: "denied",
    subjectType: "card",
    subjectId: card.id,
    markingBefore: card.marking,
    details: { owningAgencyId: card.owningAgencyId, spaceId: card.spaceId },
  });
}

/** A card the actor may change (`update`, or `delete`): 404 when invisible, 403 when read-only to them. */
export async function changeableCard(ctx: PolicyCtx, cardId: unknown, action: "update" | "delete", auditAction: string) {
  const found = await readableCard(ctx, cardId, auditAction);
  if (!can(ctx.ability, action, "Card", cardSubject(found.card))) {
    throw new ForbiddenError(action === "delete" ? "Only the space's owner (or a records manager of the card's agency) can delete this card" : "You can see this card but not change it");
  }
  return found;
}

/** The card's row again inside the transaction that changes it, locked; NotFoundError when it has gone meanwhile. */
export async function lockedCard(ctx: PolicyCtx, cardId: string): Promise<CardRow> {
  const [card] = await ctx.db.select().from(cards).where(eq(cards.id, cardId)).for("update").limit(1);
  if (!card) throw new NotFoundError();
  return card;
}

/** The audit fields every card event shares. */
export function cardAudit(card: Pick<CardRow, "id" | "spaceId" | "marking" | "boardId">) {
  return { subjectType: "card", subjectId: card.id, spaceId: card.spaceId, markingBefore: card.marking };
}

/** The ref every operation on one card names first (the rest of the input is judged once the card is known). */
export const ZCardRef = z.object({ cardId: z.string({ message: "Name the card" }) });
export const ZBoardRef = z.object({ boardId: z.string({ message: "Name the board" }) });
export const ZColumnRef = z.object({ columnId: z.string({ message: "Name the column" }) });
