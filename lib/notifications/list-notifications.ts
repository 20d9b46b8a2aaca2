/**
 * The actor's notifications, newest first, a page at a time, filtered in SQL by the policy
 * (conventions.md §2): nobody lists anyone else's. The threat this guards against is a
 * notification that outlives the recipient's access: a card re-marked above their vetting, a
 * briefing of a space they were removed from, an agreement that ended. A notification stores no
 * content, so what an item shows is decided here, now, by the subject's own rules: the title and
 * a link appear only when the actor may read the card (Card and Board rules), briefing
 * (Briefing and Board rules), document (Document rules; a comment thread shows as its document)
 * or file (File rules) at this moment; otherwise a neutral sentence names the kind and the
 * space ("A card in Operation Kestrel is due soon"), and the space only when they may still see
 * it ("a space you no longer have access to"). Showing the titles of OFFICIAL-SENSITIVE subjects
 * is audited as a consultation, as My work does.
 */
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { z } from "zod";
import { briefings, cards, commentThreads, documents, files, notifications, spaces, type NotificationKind } from "@/db/schema";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import { accessibleWhere } from "@/policies/to-sql";
import { InvalidInputError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { briefingSubject, cardSubject, documentSubject, fileSubject, notificationColumns } from "../authz/columns";
import { isUuid } from "../spaces/get-space";

/** The most notifications one page holds, and the default. */
export const NOTIFICATIONS_PAGE_MAX = 100;
export const NOTIFICATIONS_PAGE_DEFAULT = 50;

export const ZListNotifications = z.object({
  limit: z.coerce
    .number({ message: "limit must be a whole number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(NOTIFICATIONS_PAGE_MAX, `limit must be at most ${NOTIFICATIONS_PAGE_MAX}`)
    .default(NOTIFICATIONS_PAGE_DEFAULT),
  /** Opaque cursor from the previous page. */
  cursor: z.string({ message: "cursor must be text" }).max(200, "That cursor is not one this list gave").optional(),
});
export type ListNotificationsInput = z.input<typeof ZListNotifications>;

/** What a notification is about, as the reader may see it right now. */
export type NotificationSubjectView = {
  type: "card" | "briefing" | "document" | "file";
  id: string;
  title: string;
  marking: string;
  markingRank: number;
  /** The page the subject is on (its board, its document, its space's files). */
  href: string;
  /** A card's due date (null for a briefing or a card with none). */
  dueAt: string | null;
};

export type NotificationView = {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  isUnread: boolean;
  /** The space, while the reader may see it; null once they may not (or it is gone). */
  space: { id: string; name: string } | null;
  /** The subject, only while the reader may read it; null otherwise (and then `text` names no title). */
  subject: NotificationSubjectView | null;
  /** One sentence for the reader: it names the subject's title only when `subject` is set. */
  text: string;
};

export type NotificationPage = { items: NotificationView[]; nextCursor: string | null };

type Cursor = { createdAt: Date; id: string };

function decodeCursor(cursor: string): Cursor {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || !isUuid(id)) throw new InvalidInputError("That cursor is not one this list gave");
  return { createdAt, id };
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

/** The sentence for an item whose subject the reader may read. */
function titledText(kind: NotificationKind, title: string): string {
  switch (kind) {
    case "card-assigned":
      return `You were assigned “${title}”`;
    case "card-due-soon":
      return `“${title}” is due soon`;
    case "card-overdue":
      return `“${title}” is overdue`;
    case "briefing-published":
      return `Briefing published: “${title}”`;
    case "record-review-due":
      return `“${title}” is waiting for your disposal review`;
    case "comment-mention":
      return `You were mentioned in a comment on “${title}”`;
    case "comment-reply":
      return `New reply in a comment thread you are in on “${title}”`;
    case "access-expiring":
      // Its subjects (a membership, an agreement, one's vetting) have no title to show.
      return `Your access to “${title}” ends soon`;
    case "sync-failed":
      return `“${title}” could not be synced to SharePoint`;
  }
}

/** The sentence for an item whose subject the reader may not read (or that is gone): no title. */
function neutralText(kind: NotificationKind, spaceName: string | null, subjectType: string): string {
  const where = spaceName === null ? "in a space you no longer have access to" : `in ${spaceName}`;
  switch (kind) {
    case "card-assigned":
      return `You were assigned a card ${where}`;
    case "card-due-soon":
      return `A card ${where} is due soon`;
    case "card-overdue":
      return `A card ${where} is overdue`;
    case "briefing-published":
      return `A briefing was published ${where}`;
    case "record-review-due":
      // A reviewer need not be a member of the space: the review queue (Records, Review) is where they see it.
      return "An item is waiting for your disposal review";
    case "comment-mention":
      return `You were mentioned in a comment on a document ${where}`;
    case "comment-reply":
      return `New reply in a comment thread you are in, on a document ${where}`;
    case "access-expiring":
      if (subjectType === "user") return "Your vetting expires soon: ask your vetting unit to renew it";
      if (subjectType === "agreement") return `An information sharing agreement that gives you access ${where} ends soon, and your access there with it`;
      return spaceName === null ? "Your access to a space has ended" : `Your access to ${spaceName} ends soon`;
    case "sync-failed":
      return `An item ${where} could not be synced to SharePoint`;
  }
}

/** The actor's notifications, newest first; each shows of its subject only what the actor may read now. */
export async function listNotifications(ctx: PolicyCtx, raw: ListNotificationsInput = {}): Promise<NotificationPage> {
  const input = parseInput(ZListNotifications, raw);
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const mine = accessibleWhere(ctx.ability, "read", "Notification", notificationColumns);
  if (!mine) return { items: [], nextCursor: null };
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        mine,
        cursor ? or(lt(notifications.createdAt, cursor.createdAt), and(eq(notifications.createdAt, cursor.createdAt), lt(notifications.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? encodeCursor(page[page.length - 1]!) : null;
  if (page.length === 0) return { items: [], nextCursor: null };

  // The spaces, cards and briefings the page names, each asked of its own rules.
  const spaceIds = [...new Set(page.flatMap((n) => (n.spaceId ? [n.spaceId] : [])))];
  const cardIds = [...new Set(page.filter((n) => n.subjectType === "card").map((n) => n.subjectId))];
  const briefingIds = [...new Set(page.filter((n) => n.subjectType === "briefing").map((n) => n.subjectId))];
  const threadIds = [...new Set(page.filter((n) => n.subjectType === "comment_thread").map((n) => n.subjectId))];
  const fileIds = [...new Set(page.filter((n) => n.subjectType === "file").map((n) => n.subjectId))];
  const spaceRows = spaceIds.length ? await ctx.db.select({ id: spaces.id, name: spaces.name, ownerAgencyId: spaces.ownerAgencyId }).from(spaces).where(inArray(spaces.id, spaceIds)) : [];
  const readableSpaces = new Map(spaceRows.filter((sp) => can(ctx.ability, "read", "Space", { id: sp.id, ownerAgencyId: sp.ownerAgencyId })).map((sp) => [sp.id, sp.name]));

  type Readable = NotificationSubjectView & { spaceId: string; owningAgencyId: string };
  const readable = new Map<string, Readable>();
  const boardReadable = (b: { boardId: string; spaceId: string }) => can(ctx.ability, "read", "Board", { id: b.boardId, spaceId: b.spaceId });
  const cardRows = cardIds.length ? await ctx.db.select().from(cards).where(inArray(cards.id, cardIds)) : [];
  for (const c of cardRows) {
    if (!can(ctx.ability, "read", "Card", cardSubject(c)) || !boardReadable(c)) continue;
    readable.set(`card ${c.id}`, {
      type: "card",
      id: c.id,
      title: c.title,
      marking: c.marking,
      markingRank: c.markingRank,
      href: `/spaces/${c.spaceId}/boards/${c.boardId}#card-${c.id}`,
      dueAt: c.dueAt?.toISOString() ?? null,
      spaceId: c.spaceId,
      owningAgencyId: c.owningAgencyId,
    });
  }
  const briefingRows = briefingIds.length ? await ctx.db.select().from(briefings).where(inArray(briefings.id, briefingIds)) : [];
  for (const b of briefingRows) {
    if (!can(ctx.ability, "read", "Briefing", briefingSubject(b)) || !boardReadable(b)) continue;
    readable.set(`briefing ${b.id}`, {
      type: "briefing",
      id: b.id,
      title: b.title,
      marking: b.marking,
      markingRank: b.markingRank,
      href: `/spaces/${b.spaceId}/boards/${b.boardId}`,
      dueAt: null,
      spaceId: b.spaceId,
      owningAgencyId: b.owningAgencyId,
    });
  }

  // A comment thread shows as its document (the comments are part of it: the Document rules decide).
  const threadRows = threadIds.length ? await ctx.db.select({ id: commentThreads.id, documentId: commentThreads.documentId }).from(commentThreads).where(inArray(commentThreads.id, threadIds)) : [];
  const documentOfThread = new Map(threadRows.map((t) => [t.id, t.documentId]));
  const documentIds = [...new Set([...page.filter((n) => n.subjectType === "document").map((n) => n.subjectId), ...threadRows.map((t) => t.documentId)])];
  const documentRows = documentIds.length ? await ctx.db.select().from(documents).where(inArray(documents.id, documentIds)) : [];
  const readableDocuments = new Map<string, Readable>();
  for (const d of documentRows) {
    if (!can(ctx.ability, "read", "Document", documentSubject(d))) continue;
    readableDocuments.set(d.id, { type: "document", id: d.id, title: d.title, marking: d.marking, markingRank: d.markingRank, href: `/documents/${d.id}`, dueAt: null, spaceId: d.spaceId, owningAgencyId: d.owningAgencyId });
  }
  for (const id of documentIds) {
    const found = readableDocuments.get(id);
    if (found) readable.set(`document ${id}`, found);
  }
  for (const [threadId, documentId] of documentOfThread) {
    const found = readableDocuments.get(documentId);
    if (found) readable.set(`comment_thread ${threadId}`, found);
  }
  const fileRows = fileIds.length ? await ctx.db.select().from(files).where(inArray(files.id, fileIds)) : [];
  for (const f of fileRows) {
    if (!can(ctx.ability, "read", "File", fileSubject(f))) continue;
    readable.set(`file ${f.id}`, { type: "file", id: f.id, title: f.name, marking: f.marking, markingRank: f.markingRank, href: `/spaces/${f.spaceId}#files-heading`, dueAt: null, spaceId: f.spaceId, owningAgencyId: f.owningAgencyId });
  }

  const shown: Readable[] = [];
  const items = page.map((n): NotificationView => {
    const spaceName = n.spaceId ? (readableSpaces.get(n.spaceId) ?? null) : null;
    const found = readable.get(`${n.subjectType} ${n.subjectId}`);
    // A subject is shown only within a space the reader may see, and only the space it is in.
    const subject = found && spaceName !== null && found.spaceId === n.spaceId ? found : null;
    if (subject) shown.push(subject);
    return {
      id: n.id,
      kind: n.kind,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
      isUnread: n.readAt === null,
      space: n.spaceId && spaceName !== null ? { id: n.spaceId, name: spaceName } : null,
      subject: subject ? { type: subject.type, id: subject.id, title: subject.title, marking: subject.marking, markingRank: subject.markingRank, href: subject.href, dueAt: subject.dueAt } : null,
      text: subject ? titledText(n.kind, subject.title) : neutralText(n.kind, spaceName, n.subjectType),
    };
  });

  const sensitive = shown.filter((s) => s.markingRank >= RANKS["OFFICIAL-SENSITIVE"]);
  if (sensitive.length > 0) {
    await recordAudit(ctx, {
      action: "notification.list_read",
      subjectType: "user",
      subjectId: ctx.actor.userId,
      markingBefore: sensitive.reduce((a, b) => (b.markingRank > a.markingRank ? b : a)).marking,
      details: {
        sensitiveCardIds: [...new Set(sensitive.filter((s) => s.type === "card").map((s) => s.id))],
        sensitiveBriefingIds: [...new Set(sensitive.filter((s) => s.type === "briefing").map((s) => s.id))],
        sensitiveDocumentIds: [...new Set(sensitive.filter((s) => s.type === "document").map((s) => s.id))],
        sensitiveFileIds: [...new Set(sensitive.filter((s) => s.type === "file").map((s) => s.id))],
        crossAgency: sensitive.some((s) => s.owningAgencyId !== ctx.actor.agency.id),
      },
    });
  }
  return { items, nextCursor };
}
