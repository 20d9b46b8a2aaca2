/**
 * Automatic versions: while a document is being edited, the stored state becomes a version at
 * most every AUTO_VERSION_EVERY_MS, so that earlier states can be viewed, compared and restored
 * without anyone remembering to save one. Named versions (save-document-version.ts) come beside.
 */
import { desc, eq, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documentVersions } from "@/db/schema";

/** How long editing goes on before the next automatic version. */
export const AUTO_VERSION_EVERY_MS = 10 * 60_000;

/** The next version number of a document (1 for the first). */
export async function nextVersionNumber(db: Db, documentId: string): Promise<number> {
  const [row] = await db.select({ n: max(documentVersions.number) }).from(documentVersions).where(eq(documentVersions.documentId, documentId));
  return (row?.n ?? 0) + 1;
}

/** Records `state` as an automatic version unless the last version is recent; true when it did. */
export async function takeAutoVersion(db: Db, input: { documentId: string; state: Uint8Array; marking: string; editorId: string | null; now: Date }): Promise<boolean> {
  const [last] = await db
    .select({ createdAt: documentVersions.createdAt })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, input.documentId))
    .orderBy(desc(documentVersions.number))
    .limit(1);
  if (last && input.now.getTime() - last.createdAt.getTime() < AUTO_VERSION_EVERY_MS) return false;
  await db.insert(documentVersions).values({
    documentId: input.documentId,
    number: await nextVersionNumber(db, input.documentId),
    kind: "auto",
    state: input.state,
    marking: input.marking,
    createdBy: input.editorId,
    createdAt: input.now,
  });
  return true;
}
