/**
 * A card as the API and the board page show it, with what the viewer may do to it (booleans from
 * the policy, so the page offers only what the server allows). Its links name only the documents,
 * files and form submissions the viewer may read: a card visible to someone may point at a
 * document or an OFFICIAL-SENSITIVE submission that is not, and the link must not tell them its
 * title, its id or that it exists. Each kind of target is joined under its own policy's SQL
 * filter, so a link the viewer may not follow is never read for them at all.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import { cardAssignees, cardLinks, documents, files, forms, formVersions, submissions, users, type CardRecurrence, type ChecklistItem } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import type { AppAbility } from "@/policies/ability";
import type { PolicyCtx } from "../context";
import { cardSubject, documentColumns, fileColumns, submissionColumns } from "../authz/columns";
import type { CardRow } from "./board-shared";

export type CardLinkKind = "document" | "file" | "submission";
export type CardLinkView = { id: string; kind: CardLinkKind; targetId: string; title: string };

type SubmissionStatus = (typeof submissions.$inferSelect)["status"];

/** A submission link's title: the form's title, whose it is and where it stands ("MG11 Witness statement: PC Tom Hughes, submitted"). */
export function submissionLinkTitle(formTitle: string, ownerName: string, status: SubmissionStatus): string {
  return `${formTitle}: ${ownerName}, ${status}`;
}

export type CardView = {
  id: string;
  boardId: string;
  columnId: string;
  title: string;
  description: JSONContent;
  startAt: string | null;
  dueAt: string | null;
  labels: string[];
  checklist: ChecklistItem[];
  position: string;
  version: number;
  /** When the card was completed (null while open). */
  completedAt: string | null;
  /** How it repeats (null: it does not). */
  recurrence: CardRecurrence | null;
  marking: string;
  markingRank: number;
  assignees: { userId: string; name: string }[];
  links: CardLinkView[];
  createdAt: string;
  updatedAt: string;
  permissions: { canUpdate: boolean; canDelete: boolean; canRemark: boolean };
};

/** The assignees and (readable) links of the cards, by card id. */
async function extrasOf(ctx: PolicyCtx, cardIds: string[]) {
  const assignees = new Map<string, { userId: string; name: string }[]>();
  const links = new Map<string, CardLinkView[]>();
  if (cardIds.length === 0) return { assignees, links };
  const assigned = await ctx.db
    .select({ cardId: cardAssignees.cardId, userId: users.id, name: users.name })
    .from(cardAssignees)
    .innerJoin(users, eq(users.id, cardAssignees.userId))
    .where(inArray(cardAssignees.cardId, cardIds))
    .orderBy(users.name);
  for (const a of assigned) assignees.set(a.cardId, [...(assignees.get(a.cardId) ?? []), { userId: a.userId, name: a.name }]);

  const readableDocuments = accessibleWhere(ctx.ability, "read", "Document", documentColumns);
  const readableFiles = accessibleWhere(ctx.ability, "read", "File", fileColumns);
  const docLinks = readableDocuments
    ? await ctx.db
        .select({ id: cardLinks.id, cardId: cardLinks.cardId, targetId: documents.id, title: documents.title, at: cardLinks.createdAt })
        .from(cardLinks)
        .innerJoin(documents, eq(documents.id, cardLinks.documentId))
        .where(and(inArray(cardLinks.cardId, cardIds), readableDocuments))
    : [];
  const fileLinks = readableFiles
    ? await ctx.db
        .select({ id: cardLinks.id, cardId: cardLinks.cardId, targetId: files.id, title: files.name, at: cardLinks.createdAt })
        .from(cardLinks)
        .innerJoin(files, eq(files.id, cardLinks.fileId))
        .where(and(inArray(cardLinks.cardId, cardIds), readableFiles))
    : [];
  const readableSubmissions = accessibleWhere(ctx.ability, "read", "Submission", submissionColumns);
  const submissionLinks = readableSubmissions
    ? await ctx.db
        .select({ id: cardLinks.id, cardId: cardLinks.cardId, targetId: submissions.id, formTitle: forms.title, owner: users.name, status: submissions.status, at: cardLinks.createdAt })
        .from(cardLinks)
        .innerJoin(submissions, eq(submissions.id, cardLinks.submissionId))
        .innerJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
        .innerJoin(forms, eq(forms.id, formVersions.formId))
        .innerJoin(users, eq(users.id, submissions.ownerId))
        .where(and(inArray(cardLinks.cardId, cardIds), readableSubmissions))
    : [];
  const all = [
    ...docLinks.map((l) => ({ ...l, kind: "document" as const })),
    ...fileLinks.map((l) => ({ ...l, kind: "file" as const })),
    ...submissionLinks.map(({ formTitle, owner, status, ...l }) => ({ ...l, kind: "submission" as const, title: submissionLinkTitle(formTitle, owner, status) })),
  ].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id),
  );
  for (const l of all) links.set(l.cardId, [...(links.get(l.cardId) ?? []), { id: l.id, kind: l.kind, targetId: l.targetId, title: l.title }]);
  return { assignees, links };
}

/** The views of cards the caller has already checked the actor may read. */
export async function toCardViews(ctx: PolicyCtx, rows: CardRow[]): Promise<CardView[]> {
  const { assignees, links } = await extrasOf(ctx, rows.map((r) => r.id));
  return rows.map((row) => cardViewOf(ctx.ability, row, assignees.get(row.id) ?? [], links.get(row.id) ?? []));
}

/**
 * A card's view from its row, its assignees and the links the actor may follow (the caller
 * has checked that the actor may read the card, and trimmed the links to what they may read).
 */
export function cardViewOf(ability: AppAbility, row: CardRow, assignees: { userId: string; name: string }[], links: CardLinkView[]): CardView {
  const subject = cardSubject(row);
  return {
    id: row.id,
    boardId: row.boardId,
    columnId: row.columnId,
    title: row.title,
    description: row.description,
    startAt: row.startAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    labels: row.labels,
    checklist: row.checklist,
    position: row.position,
    version: row.version,
    completedAt: row.completedAt?.toISOString() ?? null,
    recurrence: row.recurrence ?? null,
    marking: row.marking,
    markingRank: row.markingRank,
    assignees,
    links,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    permissions: {
      canUpdate: can(ability, "update", "Card", subject),
      canDelete: can(ability, "delete", "Card", subject),
      canRemark: can(ability, "remark", "Card", subject),
    },
  };
}

/** One card's view. */
export async function toCardView(ctx: PolicyCtx, row: CardRow): Promise<CardView> {
  return (await toCardViews(ctx, [row]))[0]!;
}
