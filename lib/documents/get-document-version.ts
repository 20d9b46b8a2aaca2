/**
 * One version, read-only, as sanitized HTML rendered on the server, with the marking it had; for
 * anyone who may read the document.
 */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { users } from "@/db/schema";
import type { PolicyCtx } from "../context";
import { getDocument, type DocumentView } from "./get-document";
import { renderDocumentHtml } from "./render-document-html";
import { documentJsonFromState } from "../collab/yjs-content";
import { versionRow, ZDocumentVersion, type VersionSummary } from "./document-versions-shared";

/** One version, read-only: its HTML (rendered and sanitized on the server) and facts. */
export async function getDocumentVersion(ctx: PolicyCtx, raw: z.input<typeof ZDocumentVersion>): Promise<{ document: DocumentView; version: VersionSummary; html: string }> {
  const input = ZDocumentVersion.parse(raw);
  const document = await getDocument(ctx, { documentId: input.documentId });
  const v = await versionRow(ctx, document.id, input.versionId);
  const [author] = v.createdBy ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, v.createdBy)) : [];
  return {
    document,
    version: { id: v.id, number: v.number, kind: v.kind, name: v.name, marking: v.marking, createdAt: v.createdAt.toISOString(), createdBy: author?.name ?? null },
    html: renderDocumentHtml(documentJsonFromState(v.state)),
  };
}
