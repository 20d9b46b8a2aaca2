/** Lists a document's versions, oldest first, for anyone who may read the document. */
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { documentVersions, users } from "@/db/schema";
import type { PolicyCtx } from "../context";
import { getDocument, type DocumentView } from "./get-document";
import { ZDocumentId, type VersionSummary } from "./document-versions-shared";

/** The versions of a document the actor may read, oldest first. */
export async function listDocumentVersions(ctx: PolicyCtx, raw: z.input<typeof ZDocumentId>): Promise<{ document: DocumentView; versions: VersionSummary[] }> {
  const { documentId } = ZDocumentId.parse(raw);
  const document = await getDocument(ctx, { documentId });
  const rows = await ctx.db
    .select({ v: documentVersions, author: users.name })
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.createdBy))
    .where(eq(documentVersions.documentId, document.id))
    .orderBy(asc(documentVersions.number));
  return {
    document,
    versions: rows.map(({ v, author }) => ({ id: v.id, number: v.number, kind: v.kind, name: v.name, marking: v.marking, createdAt: v.createdAt.toISOString(), createdBy: author })),
  };
}
