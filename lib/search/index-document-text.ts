/**
 * Puts a document's co-edited text into the search index (search_entries.body, its vector set by
 * trigger), in the transaction that stores the content: the collaboration server's store, a
 * version restored, the demo seed. The content is Yjs, which SQL cannot read, so its text is
 * taken here from the same cleaned editor JSON every reader sees (documentJsonFromState), never
 * from raw updates: text a hostile client slipped outside the schema is not indexed either.
 */
import { and, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import type { Db } from "@/db/client";
import { documentStates, searchEntries } from "@/db/schema";
import type * as Y from "yjs";
import { yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import { CONTENT_FIELD, documentJsonFromState } from "../collab/yjs-content";
import { cleanDocumentJson } from "../editor/clean-document-json";
import { cleanIndexText, MAX_INDEXED_CHARS } from "./index-text";

/** The plain text of editor JSON: text nodes in order, blocks on lines of their own, mentions by name. */
export function documentPlainText(json: JSONContent): string {
  const out: string[] = [];
  const walk = (node: JSONContent) => {
    if (node.type === "text" && typeof node.text === "string") out.push(node.text);
    else if (node.type === "mention" && typeof node.attrs?.label === "string") out.push(`@${node.attrs.label}`);
    else if (node.type === "image" && typeof node.attrs?.alt === "string") out.push(node.attrs.alt);
    else if (node.type === "hardBreak") out.push("\n");
    for (const child of node.content ?? []) walk(child);
    if (node.type !== "text" && node.content) out.push("\n");
  };
  walk(json);
  return out.join("").replace(/\n{2,}/g, "\n").trim();
}

/**
 * Writes the text of `state` (the document's Yjs state, as just stored in document_states in the
 * same transaction) to its index row, noting the stored revision it reflects.
 */
export async function indexDocumentText(db: Db, documentId: string, state: Uint8Array): Promise<void> {
  const body = cleanIndexText(documentPlainText(documentJsonFromState(state))).slice(0, MAX_INDEXED_CHARS);
  await writeDocumentText(db, documentId, body);
}

/**
 * The same for a live Y.Doc the caller has just cleaned (sanitizeYDoc) and stored, as the
 * collaboration server does on every store: its text is read off the document itself instead of
 * decoding the stored update again.
 */
export async function indexLiveDocumentText(db: Db, documentId: string, doc: Y.Doc): Promise<void> {
  const json = cleanDocumentJson(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FIELD)));
  await writeDocumentText(db, documentId, cleanIndexText(documentPlainText(json)).slice(0, MAX_INDEXED_CHARS));
}

async function writeDocumentText(db: Db, documentId: string, body: string): Promise<void> {
  const revision = sql<number>`(SELECT revision FROM document_states WHERE document_id = ${documentId})`;
  // The row exists from the document's insert (trigger); the upsert covers a row lost otherwise.
  await db
    .insert(searchEntries)
    .values({ documentId, body, sourceRevision: revision, title: sql`(SELECT title FROM documents WHERE id = ${documentId})` })
    .onConflictDoUpdate({ target: searchEntries.documentId, set: { body, sourceRevision: revision } });
}

/**
 * Indexes every stored document whose index row is missing its text or holds an older revision
 * (documents stored before migration 0023, or by a path that does not index), in small batches;
 * run at start-up. Returns how many it indexed.
 */
export async function indexStaleDocumentTexts(db: Db, batch = 50): Promise<number> {
  let indexed = 0;
  for (;;) {
    const rows = await db
      .select({ documentId: documentStates.documentId, state: documentStates.state, revision: documentStates.revision })
      .from(documentStates)
      .leftJoin(searchEntries, eq(searchEntries.documentId, documentStates.documentId))
      .where(or(isNull(searchEntries.id), and(isNotNull(searchEntries.id), sql`${searchEntries.sourceRevision} IS DISTINCT FROM ${documentStates.revision}`)))
      .limit(batch);
    if (rows.length === 0) return indexed;
    for (const row of rows) {
      try {
        await indexDocumentText(db, row.documentId, row.state);
      } catch (err) {
        // A state that cannot be read is indexed as empty (its title stays searchable), so start-up
        // neither fails nor retries it for ever; the next store of the document indexes it again.
        console.error(`search: could not index the text of document ${row.documentId}`, err);
        await writeDocumentText(db, row.documentId, "");
      }
    }
    indexed += rows.length;
  }
}
