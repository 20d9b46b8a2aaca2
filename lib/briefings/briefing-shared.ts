/**
 * What the briefing operations share: the zod shapes of a briefing's text and attachments,
 * finding a briefing together with the checks every operation makes, and checking attachments.
 *
 * The threats they guard against: a briefing reached through an id by someone who may not read it
 * (a briefing above their vetting, across an agreement that does not let it cross, or on a board
 * they cannot see answers exactly like a missing one: 404, and the refused read is audited as for
 * cards); an attachment that smuggles a file of another space, or one the author may not read,
 * into a briefing's audience; and oversize or control-character input (every text has a limit,
 * which the database's checks repeat).
 */
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { briefings, files } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { briefingSubject, fileSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { printableText } from "../editor/clean-document-json";
import { readableBoard, titleOf, type BoardRow, type BoardSpace } from "../boards/board-shared";

export type BriefingRow = typeof briefings.$inferSelect;

/** The longest briefing title and text, in characters (the database's checks repeat them). */
export const BRIEFING_TITLE_MAX = 200;
export const BRIEFING_BODY_MAX = 20_000;
/** The most files one revision attaches. */
export const ATTACHMENTS_MAX = 20;

export const ZBriefingTitle = titleOf("briefing", BRIEFING_TITLE_MAX);

/** A revision's text: plain text paragraphs, trimmed, 1 to 20,000 characters, printable only. */
export const ZBriefingBody = z
  .string({ message: "Write the briefing's text" })
  .transform((s) => printableText(s.replace(/\r\n?/g, "\n")).trim())
  .pipe(
    z
      .string()
      .min(1, "Write the briefing's text: it cannot be empty")
      .max(BRIEFING_BODY_MAX, `A briefing's text has at most ${BRIEFING_BODY_MAX.toLocaleString("en-GB")} characters`),
  );

/** Attachments: file ids, each once, at most 20 (whether each may be attached is checked against the space). */
export const ZAttachments = z
  .array(z.string({ message: "An attachment must be a file's id" }).max(100), { message: "Attachments must be a list of file ids" })
  .max(ATTACHMENTS_MAX, `A briefing has at most ${ATTACHMENTS_MAX} attachments`)
  .transform((ids) => [...new Set(ids)]);

export const ZBriefingRef = z.object({ briefingId: z.string({ message: "Name the briefing" }) });

const NOT_ATTACHABLE = "Attach only files of this board's space that you can open";

/**
 * The attachment ids, when each is a file of `spaceId` the actor may read; otherwise one clear
 * error that says nothing of what the id named (another space's file, one above their vetting and
 * a missing one all read the same).
 */
export async function checkAttachments(ctx: PolicyCtx, spaceId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  if (!ids.every(isUuid)) throw new InvalidInputError(NOT_ATTACHABLE);
  const rows = await ctx.db.select().from(files).where(inArray(files.id, ids));
  const byId = new Map(rows.map((f) => [f.id, f]));
  for (const id of ids) {
    const file = byId.get(id);
    if (!file || file.spaceId !== spaceId || !can(ctx.ability, "read", "File", fileSubject(file))) throw new InvalidInputError(NOT_ATTACHABLE);
  }
  return ids;
}

/**
 * A briefing the actor may read, with its board and space; NotFoundError otherwise. A refused read
 * of an existing briefing is audited, outside any transaction so that the record survives.
 */
export async function readableBriefing(ctx: PolicyCtx, briefingId: unknown, auditAction = "briefing.read"): Promise<{ briefing: BriefingRow; board: BoardRow; space: BoardSpace }> {
  if (typeof briefingId !== "string" || !isUuid(briefingId)) throw new NotFoundError();
  const [briefing] = await ctx.db.select().from(briefings).where(eq(briefings.id, briefingId)).limit(1);
  if (!briefing) throw new NotFoundError();
  if (!can(ctx.ability, "read", "Briefing", briefingSubject(briefing))) {
    await recordAudit(ctx, {
      action: auditAction,
      outcome: "denied",
      subjectType: "briefing",
      subjectId: briefing.id,
      markingBefore: briefing.marking,
      details: { owningAgencyId: briefing.owningAgencyId, spaceId: briefing.spaceId },
    });
    throw new NotFoundError();
  }
  return { briefing, ...(await readableBoard(ctx, briefing.boardId)) };
}

/** A briefing the actor may update (publish a revision of, see who was briefed): 404 when invisible, 403 when read-only to them. */
export async function updatableBriefing(ctx: PolicyCtx, briefingId: unknown, auditAction: string) {
  const found = await readableBriefing(ctx, briefingId, auditAction);
  if (!can(ctx.ability, "update", "Briefing", briefingSubject(found.briefing))) throw new ForbiddenError("You can read this briefing but not publish updates to it or see who has been briefed");
  return found;
}

/** The audit fields every briefing event shares (never the title or text: the trail records that, not what). */
export function briefingAudit(b: Pick<BriefingRow, "id" | "spaceId" | "marking" | "boardId">) {
  return { subjectType: "briefing", subjectId: b.id, spaceId: b.spaceId, markingBefore: b.marking };
}
