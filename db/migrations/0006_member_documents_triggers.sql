-- member_documents is a list index (db/schema/member-documents.ts): one row per member of a space
-- per document in it, with the document's updated_at. These statement-level triggers keep it in
-- step with documents and space_members inside the same statement, so a bulk insert costs one
-- join rather than a trigger call per row, and no code path can forget to maintain it. Deleting a
-- document or a user cascades through the foreign keys.
INSERT INTO member_documents (user_id, document_id, updated_at)
  SELECT m.user_id, d.id, d.updated_at FROM documents d JOIN space_members m ON m.space_id = d.space_id
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_documents_on_document_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO member_documents (user_id, document_id, updated_at)
    SELECT m.user_id, n.id, n.updated_at FROM new_rows n JOIN space_members m ON m.space_id = n.space_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER member_documents_document_insert
  AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_documents_on_document_insert();
--> statement-breakpoint
-- An update moves the document's rows to its new updated_at; a document moved to another space
-- changes hands: the old space's members lose their rows and the new space's members gain them.
CREATE OR REPLACE FUNCTION member_documents_on_document_update() RETURNS trigger AS $$
BEGIN
  UPDATE member_documents f SET updated_at = n.updated_at
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE f.document_id = n.id AND n.space_id = o.space_id AND n.updated_at IS DISTINCT FROM o.updated_at;
  DELETE FROM member_documents f
    USING new_rows n JOIN old_rows o ON o.id = n.id
    WHERE f.document_id = n.id AND n.space_id <> o.space_id;
  INSERT INTO member_documents (user_id, document_id, updated_at)
    SELECT m.user_id, n.id, n.updated_at
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN space_members m ON m.space_id = n.space_id
    WHERE n.space_id <> o.space_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER member_documents_document_update
  AFTER UPDATE ON documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_documents_on_document_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_documents_on_member_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO member_documents (user_id, document_id, updated_at)
    SELECT n.user_id, d.id, d.updated_at FROM new_rows n JOIN documents d ON d.space_id = n.space_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER member_documents_member_insert
  AFTER INSERT ON space_members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_documents_on_member_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_documents_on_member_delete() RETURNS trigger AS $$
BEGIN
  DELETE FROM member_documents f
    USING old_rows o JOIN documents d ON d.space_id = o.space_id
    WHERE f.document_id = d.id AND f.user_id = o.user_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER member_documents_member_delete
  AFTER DELETE ON space_members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_documents_on_member_delete();
--> statement-breakpoint
-- Membership rows never change space or person in Accord; if one ever did, the index would go
-- stale, so such an update is refused rather than silently mis-indexed.
CREATE OR REPLACE FUNCTION member_documents_refuse_member_rekey() RETURNS trigger AS $$
BEGIN
  IF NEW.space_id <> OLD.space_id OR NEW.user_id <> OLD.user_id THEN
    RAISE EXCEPTION 'space_members rows cannot change space or user; delete and insert instead';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER member_documents_member_rekey
  BEFORE UPDATE OF space_id, user_id ON space_members
  FOR EACH ROW EXECUTE FUNCTION member_documents_refuse_member_rekey();
