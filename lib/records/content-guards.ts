/**
 * The one call every operation that deletes or changes content makes first (issue 8): holds and
 * declared records beat everything else, whoever asks and whatever the schedule says.
 *
 *  - `guardContentDeletion`: a held item (or one in a held space) is not deleted (409 "held",
 *    naming the hold); a declared record is not deleted (409 "record_locked"). The database
 *    refuses a held deletion too (0017_records.sql), behind this clear refusal.
 *  - `guardContentChange`: a declared record's content is not edited (409 "record_locked"; a form
 *    submission's once it has been accepted, see isLockable); a
 *    held item may be edited, but its original is kept first: the state it had when the newest
 *    standing hold over it began becomes a version (documents: a document_versions row; form
 *    submissions: a submission_versions row), once per hold, before the first change under it.
 *
 * Call both inside the transaction that makes the change, so the check and the change commit
 * together.
 */
import { desc, eq, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents, documentStates, documentVersions, files, submissions, submissionVersions } from "@/db/schema";
import { HeldError, NotFoundError } from "../errors";
import { holdLabel, standingHoldsOn, type HoldRow, type ItemType } from "./holds-shared";
import { refuseIfRecordLocked } from "./record-locks";

const NOUNS: Record<ItemType, string> = { document: "document", file: "file", submission: "submission" };

/** The space an item is in (NotFoundError when it has gone). */
async function spaceOfItem(db: Db, itemType: ItemType, itemId: string): Promise<string> {
  const table = itemType === "document" ? documents : itemType === "file" ? files : submissions;
  const [row] = await db.select({ spaceId: table.spaceId }).from(table).where(eq(table.id, itemId)).limit(1);
  if (!row) throw new NotFoundError();
  return row.spaceId;
}

/**
 * Whether the item's content is in the state a record lock holds. A form submission labelled as a
 * record when it was started (the file plan's rule "every MG11 is a record") is still in its
 * review workflow until it is accepted: its officer completes the draft, corrects it when it is
 * returned, and may edit it after submitting, and every submission is kept unchangeable as a
 * submission_versions row (issue 7), so nothing submitted is ever overwritten. Once accepted it is
 * final, and locked. Documents and files are locked as soon as they are declared.
 */
async function isLockable(db: Db, itemType: ItemType, itemId: string): Promise<boolean> {
  if (itemType !== "submission") return true;
  const [row] = await db.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, itemId)).limit(1);
  return row?.status === "accepted";
}

/** Refuses to delete a held item or a declared record; returns quietly otherwise. */
export async function guardContentDeletion(db: Db, itemType: ItemType, itemId: string): Promise<void> {
  const spaceId = await spaceOfItem(db, itemType, itemId);
  const [hold] = await standingHoldsOn(db, itemType, itemId, spaceId);
  if (hold) throw new HeldError(`This ${NOUNS[itemType]} is under a hold (${holdLabel(hold)}) and cannot be deleted`);
  await refuseIfRecordLocked(db, itemType, itemId);
}

/**
 * Refuses to change a declared record's content; for a held item, keeps the original (as it was
 * when the newest standing hold began) as a version before the change. `now` is the change's time.
 */
export async function guardContentChange(db: Db, itemType: ItemType, itemId: string, now: Date): Promise<void> {
  if (await isLockable(db, itemType, itemId)) await refuseIfRecordLocked(db, itemType, itemId);
  if (itemType === "file") return; // A file's bytes are never changed in place: a new upload is a new file.
  const spaceId = await spaceOfItem(db, itemType, itemId);
  const [newest] = await standingHoldsOn(db, itemType, itemId, spaceId);
  if (!newest) return;
  if (itemType === "document") await keepDocumentOriginal(db, itemId, newest, now);
  else await keepSubmissionOriginal(db, itemId, newest);
}

/**
 * The stored state becomes a version unless it was stored after the hold began: a store after
 * the hold began means the first change under it already kept the original (this very code).
 */
async function keepDocumentOriginal(db: Db, documentId: string, hold: HoldRow, now: Date): Promise<void> {
  const [stored] = await db
    .select({ state: documentStates.state, updatedAt: documentStates.updatedAt, marking: documents.marking })
    .from(documentStates)
    .innerJoin(documents, eq(documents.id, documentStates.documentId))
    .where(eq(documentStates.documentId, documentId))
    .for("update")
    .limit(1);
  if (!stored || stored.updatedAt.getTime() > hold.createdAt.getTime()) return;
  // Already kept since the hold began (a restore keeps it, then stores through the open session).
  const [latest] = await db.select({ state: documentVersions.state, createdAt: documentVersions.createdAt }).from(documentVersions).where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.number)).limit(1);
  if (latest && latest.createdAt.getTime() >= hold.createdAt.getTime() && Buffer.from(latest.state).equals(Buffer.from(stored.state))) return;
  const [last] = await db.select({ n: max(documentVersions.number) }).from(documentVersions).where(eq(documentVersions.documentId, documentId));
  await db.insert(documentVersions).values({
    documentId,
    number: (last?.n ?? 0) + 1,
    kind: "named",
    name: `Original kept under hold (${holdLabel(hold)})`.slice(0, 120),
    state: stored.state,
    marking: stored.marking,
    createdBy: null,
    createdAt: now,
  });
}

/** The answers as they are become a kept version unless changed since the hold began or already kept. */
async function keepSubmissionOriginal(db: Db, submissionId: string, hold: HoldRow): Promise<void> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, submissionId)).limit(1);
  if (!row || row.updatedAt.getTime() > hold.createdAt.getTime()) return;
  const [latest] = await db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, submissionId)).orderBy(desc(submissionVersions.number)).limit(1);
  if (latest && JSON.stringify(latest.data) === JSON.stringify(row.data)) return;
  await db.insert(submissionVersions).values({ submissionId, number: (latest?.number ?? 0) + 1, status: row.status, data: row.data, createdBy: row.ownerId, createdAt: row.updatedAt });
}
