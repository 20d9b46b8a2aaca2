/**
 * One document's metadata and content, for rendering on the server (the print view and every
 * export). The read check and its audit are getDocument's, so content is never loaded for
 * someone who may not see the metadata, and the answer for an invisible document is the same 404
 * as for a missing one. The content is cleaned on the way out (documentJsonFromState), so no
 * caller depends on the collaboration server having cleaned it on the way in.
 */
import { eq } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import { documentStates } from "@/db/schema";
import type { PolicyCtx } from "../context";
import { documentJsonFromState } from "../collab/yjs-content";
import { getDocument, type DocumentView, type GetDocumentInput } from "./get-document";

export type DocumentContent = DocumentView & {
  /** The editor JSON, already reduced to the document schema. */
  content: JSONContent;
  /** The stored state's revision, or null for a document nobody has written in yet. */
  revision: number | null;
};

/** Loads a document the actor may read with its content; NotFoundError otherwise. */
export async function getDocumentContent(ctx: PolicyCtx, input: GetDocumentInput): Promise<DocumentContent> {
  const document = await getDocument(ctx, input);
  const [row] = await ctx.db
    .select({ state: documentStates.state, revision: documentStates.revision })
    .from(documentStates)
    .where(eq(documentStates.documentId, document.id))
    .limit(1);
  return { ...document, content: documentJsonFromState(row?.state), revision: row?.revision ?? null };
}
