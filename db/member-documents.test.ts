/**
 * The member_documents list index (migrations 0006, 0009) must hold exactly one row per member of a
 * space per document in it, with the document's updated_at and marking rank, after every kind of change the
 * application makes: new documents (one or many in one statement), edits, moves between spaces,
 * members joining and leaving, documents and people deleted. listDocuments trusts it to lack no
 * readable row, so each step compares it with the join it stands for.
 */
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import * as t from "./schema";
import { buildDocument, buildMembership, buildSpace, buildUser, openSeededDatabaseForFile } from "./factories";

let db: Db;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
});

type Row = { user_id: string; document_id: string; updated_at: string; marking_rank: number };

/** The index's rows and the rows the join says it should hold, both sorted. */
async function indexAndJoin(): Promise<{ index: Row[]; join: Row[] }> {
  const index = (await db.execute(
    sql`SELECT user_id::text, document_id::text, updated_at::text, marking_rank FROM member_documents ORDER BY 1, 2`,
  )) as unknown as Row[] | { rows: Row[] };
  const join = (await db.execute(
    sql`SELECT m.user_id::text, d.id::text AS document_id, d.updated_at::text, d.marking_rank FROM documents d JOIN space_members m ON m.space_id = d.space_id ORDER BY 1, 2`,
  )) as unknown as Row[] | { rows: Row[] };
  const rows = (r: Row[] | { rows: Row[] }) => (Array.isArray(r) ? r : r.rows);
  return { index: rows(index), join: rows(join) };
}

async function expectInStep(): Promise<number> {
  const { index, join } = await indexAndJoin();
  expect(index).toEqual(join);
  return index.length;
}

describe("member_documents", () => {
  it("holds the seeded scenario's rows (filled by the triggers as the seed ran)", async () => {
    expect(await expectInStep()).toBeGreaterThan(0);
  });

  it("follows documents created, edited, moved and deleted, and members joining and leaving", async () => {
    const space = await buildSpace(db);
    const other = await buildSpace(db, { ownerAgencyId: space.ownerAgencyId });
    const a = await buildUser(db, { agencyId: space.ownerAgencyId });
    const b = await buildUser(db, { agencyId: space.ownerAgencyId });
    await buildMembership(db, { spaceId: space.id, userId: a.id });
    await buildMembership(db, { spaceId: other.id, userId: b.id });

    // Several documents in one statement, and one on its own.
    await db.insert(t.documents).values(
      [1, 2, 3].map((n) => ({ spaceId: space.id, owningAgencyId: space.ownerAgencyId, title: `Bulk ${n}`, marking: "OFFICIAL", markingRank: 1 })),
    );
    const doc = await buildDocument(db, { spaceId: space.id });
    await expectInStep();
    const mine = async (userId: string) =>
      (await db.select().from(t.memberDocuments).where(eq(t.memberDocuments.userId, userId))).map((r) => r.documentId);
    expect(await mine(a.id)).toHaveLength(4);
    expect(await mine(b.id)).toHaveLength(0);

    // An edit moves the rows to the new updated_at.
    await db.update(t.documents).set({ updatedAt: new Date("2030-01-01T00:00:00Z"), title: "Edited" }).where(eq(t.documents.id, doc.id));
    await expectInStep();
    const [row] = await db.select().from(t.memberDocuments).where(eq(t.memberDocuments.documentId, doc.id));
    expect(row?.updatedAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");

    // A re-marking moves the rows to the new rank (the list's pre-filter reads it), with or
    // without a change of updated_at.
    await db.update(t.documents).set({ marking: "OFFICIAL-SENSITIVE", markingRank: 2 }).where(eq(t.documents.id, doc.id));
    await expectInStep();
    const [raised] = await db.select().from(t.memberDocuments).where(eq(t.memberDocuments.documentId, doc.id));
    expect(raised?.markingRank).toBe(2);

    // A move hands the document from one space's members to the other's.
    await db.update(t.documents).set({ spaceId: other.id }).where(eq(t.documents.id, doc.id));
    await expectInStep();
    expect(await mine(a.id)).not.toContain(doc.id);
    expect(await mine(b.id)).toEqual([doc.id]);

    // Joining brings every document of the space; leaving takes them away.
    await buildMembership(db, { spaceId: space.id, userId: b.id });
    await expectInStep();
    expect(await mine(b.id)).toHaveLength(4);
    await db.delete(t.spaceMembers).where(eq(t.spaceMembers.userId, b.id));
    await expectInStep();
    expect(await mine(b.id)).toHaveLength(0);

    // Deleting a document or a person cascades.
    await db.delete(t.documents).where(eq(t.documents.id, doc.id));
    await db.delete(t.spaceMembers).where(eq(t.spaceMembers.userId, a.id));
    await db.delete(t.users).where(eq(t.users.id, a.id));
    await expectInStep();
  });

  it("refuses to move a membership to another space or person, which would leave the index stale", async () => {
    const space = await buildSpace(db);
    const other = await buildSpace(db, { ownerAgencyId: space.ownerAgencyId });
    const a = await buildUser(db, { agencyId: space.ownerAgencyId });
    await buildMembership(db, { spaceId: space.id, userId: a.id });
    await expect(db.update(t.spaceMembers).set({ spaceId: other.id }).where(eq(t.spaceMembers.userId, a.id))).rejects.toThrow();
    // A role change, which the application does make, is fine.
    await db.update(t.spaceMembers).set({ role: "reader" }).where(eq(t.spaceMembers.userId, a.id));
    await expectInStep();
  });
});
