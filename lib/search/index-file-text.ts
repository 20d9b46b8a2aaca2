/**
 * Writes a file's extracted text (extract-file-text.ts) to its search index row, in the
 * transaction that stores the file or its new version; the vector follows by trigger.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { searchEntries } from "@/db/schema";
import type { FileTextExtraction } from "./extract-file-text";

/** Sets the text of file `fileId`'s index row (made by the files trigger on insert). */
export async function indexFileText(db: Db, fileId: string, text: FileTextExtraction): Promise<void> {
  await db.update(searchEntries).set({ body: text.body, extraction: text.extraction }).where(eq(searchEntries.fileId, fileId));
}
