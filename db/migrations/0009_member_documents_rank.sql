-- member_documents carries the document's marking_rank (db/schema/member-documents.ts), so a list
-- can skip, inside the index, rows above anything the reader's policy could open. Filled from
-- documents, then kept in step by the same statement-level triggers as updated_at (0006).
ALTER TABLE "member_documents" ADD COLUMN "marking_rank" smallint;--> statement-breakpoint
UPDATE "member_documents" f SET "marking_rank" = d."marking_rank" FROM "documents" d WHERE d."id" = f."document_id";--> statement-breakpoint
ALTER TABLE "member_documents" ALTER COLUMN "marking_rank" SET NOT NULL;--> statement-breakpoint
DROP INDEX "member_documents_feed_idx";--> statement-breakpoint
CREATE INDEX "member_documents_feed_idx" ON "member_documents" USING btree ("user_id","updated_at","document_id","marking_rank");--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_documents_on_document_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO member_documents (user_id, document_id, updated_at, marking_rank)
    SELECT m.user_id, n.id, n.updated_at, n.marking_rank FROM new_rows n JOIN space_members m ON m.space_id = n.space_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- As in 0006, and a re-marking moves the rows to the new rank.
CREATE OR REPLACE FUNCTION member_documents_on_document_update() RETURNS trigger AS $$
BEGIN
  UPDATE member_documents f SET updated_at = n.updated_at, marking_rank = n.marking_rank
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE f.document_id = n.id AND n.space_id = o.space_id
      AND (n.updated_at IS DISTINCT FROM o.updated_at OR n.marking_rank IS DISTINCT FROM o.marking_rank);
  DELETE FROM member_documents f
    USING new_rows n JOIN old_rows o ON o.id = n.id
    WHERE f.document_id = n.id AND n.space_id <> o.space_id;
  INSERT INTO member_documents (user_id, document_id, updated_at, marking_rank)
    SELECT m.user_id, n.id, n.updated_at, n.marking_rank
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN space_members m ON m.space_id = n.space_id
    WHERE n.space_id <> o.space_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_documents_on_member_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO member_documents (user_id, document_id, updated_at, marking_rank)
    SELECT n.user_id, d.id, d.updated_at, d.marking_rank FROM new_rows n JOIN documents d ON d.space_id = n.space_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
