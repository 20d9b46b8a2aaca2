/**
 * Opening text for the demo scenario's documents, so that a newcomer opening "Investigation log"
 * sees an investigation log, not an empty page. Written once, only for documents that have no
 * content yet; fictional throughout.
 */
import { eq, isNull } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import type { Db } from "@/db/client";
import { documents, documentStates } from "@/db/schema";
import { stateFromDocumentJson } from "./yjs-content";
import { indexDocumentText } from "../search/index-document-text";

const p = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const h = (text: string): JSONContent => ({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text }] });
const bullets = (items: string[]): JSONContent => ({ type: "bulletList", content: items.map((i) => ({ type: "listItem", content: [p(i)] })) });

const CONTENT: Record<string, JSONContent[]> = {
  "Investigation log": [
    h("Decisions"),
    p("1. Joint investigation with Dorset Police under ISA-SW-001; DCP leads. (DS Shah)"),
    h("Actions"),
    bullets(["Obtain ANPR for the A35 corridor, 20:00-23:00 (PC Hughes)", "Liaise with Dorset Police intelligence unit (DC Morgan)"]),
    p("Next review: 09:00 tomorrow."),
  ],
  "Press lines": [h("Holding statement"), p("Officers are investigating a series of burglaries in the Torbay area and are appealing for witnesses.")],
  "Strategy meeting minutes": [
    h("Attendees"),
    bullets(["DS Priya Shah (DCP)", "Helen Carter (Cornwall Council)", "Dr Aisha Rahman (RCHT)"]),
    h("Agreed actions"),
    p("Safety plan to be reviewed within 48 hours."),
  ],
  "Agency contact list": [h("Out-of-hours contacts"), p("Children's social care: see the MASH rota. Safeguarding lead: via the hospital switchboard.")],
  "Induction guide": [h("Welcome"), p("Read the information management policy and complete the data protection module in your first week.")],
};

/** Writes the opening text of the demo documents that have none; returns how many it wrote. */
export async function seedDocumentContent(db: Db): Promise<number> {
  const rows = await db
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .leftJoin(documentStates, eq(documentStates.documentId, documents.id))
    .where(isNull(documentStates.documentId));
  let written = 0;
  for (const row of rows) {
    const content = CONTENT[row.title];
    if (!content) continue;
    const state = stateFromDocumentJson({ type: "doc", content });
    await db.transaction(async (tx) => {
      const [stored] = await tx.insert(documentStates).values({ documentId: row.id, state }).onConflictDoNothing().returning({ documentId: documentStates.documentId });
      // Searchable from the start, so the demo scenario can be searched (issue 10).
      if (stored) await indexDocumentText(tx as unknown as Db, row.id, state);
    });
    written++;
  }
  return written;
}
