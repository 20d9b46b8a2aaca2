/**
 * One document's metadata. A document the actor may not read answers exactly like one that does
 * not exist (404), and the denied attempt on marked content is audited (DPA 2018 s.62; security.md:
 * every authorization decision on marked content). Consulting OFFICIAL-SENSITIVE content is
 * audited too.
 */
import { eq } from "drizzle-orm";
import { agencies, documents, spaces } from "@/db/schema";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import { NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { recordDeniedRead } from "../audit/record-denied-read";
import { justificationFor } from "../audit/justification";
import { documentSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";

export type DocumentView = {
  id: string;
  title: string;
  marking: string;
  markingRank: number;
  descriptors: string[];
  handling: string;
  space: { id: string; name: string };
  owningAgency: { id: string; code: string; name: string };
  createdAt: string;
  updatedAt: string;
  permissions: { canUpdate: boolean; canComment: boolean; canRemark: boolean; canShare: boolean; canDelete: boolean };
};

/**
 * How a read counts: a consultation (the default: the metadata is shown to the person) is audited
 * for OFFICIAL-SENSITIVE content; a status read (its SharePoint line, polled) only needs to know the
 * document is theirs and what they may do with it, and shows nothing of it, so it is not.
 */
export type DocumentReadPurpose = { isConsultation?: boolean };

/** `justification`: why the person opens it, where their agency asks (lib/audit/justification.ts). */
export type GetDocumentInput = { documentId: string; justification?: string | null };

/** Loads a document the actor may read; NotFoundError otherwise. */
export async function getDocument(ctx: PolicyCtx, input: GetDocumentInput, { isConsultation = true }: DocumentReadPurpose = {}): Promise<DocumentView> {
  if (!isUuid(input.documentId)) throw new NotFoundError();
  const [row] = await ctx.db
    .select({ doc: documents, space: { id: spaces.id, name: spaces.name }, agency: { id: agencies.id, code: agencies.code, name: agencies.name } })
    .from(documents)
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .innerJoin(agencies, eq(agencies.id, documents.owningAgencyId))
    .where(eq(documents.id, input.documentId))
    .limit(1);
  if (!row) throw new NotFoundError();
  const subject = documentSubject(row.doc);
  if (!can(ctx.ability, "read", "Document", subject)) {
    await recordDeniedRead(ctx, "document.read", { type: "document", ...row.doc });
    throw new NotFoundError();
  }
  // Asked only of someone who may read it (after the 404), so the question reveals nothing.
  const justification = isConsultation
    ? await justificationFor(ctx, { subjectType: "document", subjectId: row.doc.id, markingRank: row.doc.markingRank, marking: row.doc.marking, purpose: "consultation", given: input.justification })
    : null;
  if (isConsultation && (row.doc.markingRank >= RANKS["OFFICIAL-SENSITIVE"] || justification !== null)) {
    await recordAudit(ctx, {
      action: "document.read",
      subjectType: "document",
      subjectId: row.doc.id,
      spaceId: row.doc.spaceId,
      markingBefore: row.doc.marking,
      justification: justification ?? undefined,
      details: { crossAgency: row.doc.owningAgencyId !== ctx.actor.agency.id },
    });
  }
  return {
    id: row.doc.id,
    title: row.doc.title,
    marking: row.doc.marking,
    markingRank: row.doc.markingRank,
    descriptors: row.doc.descriptors,
    handling: row.doc.handling,
    space: row.space,
    owningAgency: row.agency,
    createdAt: row.doc.createdAt.toISOString(),
    updatedAt: row.doc.updatedAt.toISOString(),
    permissions: {
      canUpdate: can(ctx.ability, "update", "Document", subject),
      canComment: can(ctx.ability, "comment", "Document", subject),
      canRemark: can(ctx.ability, "remark", "Document", subject),
      canShare: can(ctx.ability, "share", "Document", subject),
      canDelete: can(ctx.ability, "delete", "Document", subject),
    },
  };
}
