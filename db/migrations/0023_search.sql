-- Permission-trimmed full-text search (issue 10). search_entries is the index of what Accord
-- searches: one row per document, file, card, form submission and space, with its title, its text
-- and a tsvector (english configuration: title weight A, text weight B) behind a GIN index per kind.
-- It holds no marking and no audience on purpose: every search joins back to the content's own row
-- and the policy decides there (lib/search/search-content.ts), so nothing here can go stale and
-- widen access. The triggers below keep rows and vectors in step with the writes that change the
-- text, in the same statement: a title or name from its own row, and a card's, submission's or
-- space's text too. A document's text (Yjs) and a file's (extracted from its bytes) are parsed in
-- JavaScript and written by lib/search in the transaction that stores them; documents stored before
-- this migration are indexed at the next start (lib/search/index-document-text.ts).
CREATE TABLE "search_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid,
	"file_id" uuid,
	"card_id" uuid,
	"submission_id" uuid,
	"space_id" uuid,
	"title" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"source_revision" integer,
	"extraction" text,
	"vector" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_entries_document_id_unique" UNIQUE("document_id"),
	CONSTRAINT "search_entries_file_id_unique" UNIQUE("file_id"),
	CONSTRAINT "search_entries_card_id_unique" UNIQUE("card_id"),
	CONSTRAINT "search_entries_submission_id_unique" UNIQUE("submission_id"),
	CONSTRAINT "search_entries_space_id_unique" UNIQUE("space_id"),
	CONSTRAINT "search_entries_one_subject" CHECK (num_nonnulls("search_entries"."document_id", "search_entries"."file_id", "search_entries"."card_id", "search_entries"."submission_id", "search_entries"."space_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_entries_document_vector_idx" ON "search_entries" USING gin ("vector") WHERE "search_entries"."document_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "search_entries_file_vector_idx" ON "search_entries" USING gin ("vector") WHERE "search_entries"."file_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "search_entries_card_vector_idx" ON "search_entries" USING gin ("vector") WHERE "search_entries"."card_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "search_entries_submission_vector_idx" ON "search_entries" USING gin ("vector") WHERE "search_entries"."submission_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "search_entries_space_vector_idx" ON "search_entries" USING gin ("vector") WHERE "search_entries"."space_id" IS NOT NULL;
--> statement-breakpoint
-- The most characters of text indexed per item: a tsvector is at most 1 MB, and to_tsvector of a
-- longer text would fail the write that changed it. Search reaches the first 200,000 characters.
CREATE OR REPLACE FUNCTION accord_search_vector(title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, left(coalesce(title, ''), 2000)), 'A')
      || setweight(to_tsvector('english'::regconfig, left(coalesce(body, ''), 200000)), 'B')
$$;
--> statement-breakpoint
-- The text of a tiptap (editor schema) JSON document: its text nodes in order, never node types,
-- link targets or other attributes (which would make "paragraph" or "https" match every card).
CREATE OR REPLACE FUNCTION accord_editor_text(doc jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(t #>> '{}', ' '), '') FROM jsonb_path_query(coalesce(doc, 'null'::jsonb), 'strict $.** ? (@.type == "text").text') AS t
$$;
--> statement-breakpoint
-- Every string answer of a form submission (repeating groups included), never a field's name.
CREATE OR REPLACE FUNCTION accord_answer_text(data jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(t #>> '{}', ' '), '') FROM jsonb_path_query(coalesce(data, 'null'::jsonb), 'strict $.** ? (@.type() == "string")') AS t
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_entries_set_vector() RETURNS trigger AS $$
BEGIN
  NEW.vector := accord_search_vector(NEW.title, NEW.body);
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER search_entries_vector
  BEFORE INSERT OR UPDATE OF title, body ON search_entries
  FOR EACH ROW EXECUTE FUNCTION search_entries_set_vector();
--> statement-breakpoint
-- Documents and files: the title (name) from the row; the body is lib/search's, and kept.
CREATE OR REPLACE FUNCTION search_entries_on_document() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_entries (document_id, title) VALUES (NEW.id, NEW.title)
    ON CONFLICT (document_id) DO UPDATE SET title = EXCLUDED.title;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER search_entries_document
  AFTER INSERT OR UPDATE OF title ON documents
  FOR EACH ROW EXECUTE FUNCTION search_entries_on_document();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_entries_on_file() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_entries (file_id, title) VALUES (NEW.id, NEW.name)
    ON CONFLICT (file_id) DO UPDATE SET title = EXCLUDED.title;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER search_entries_file
  AFTER INSERT OR UPDATE OF name ON files
  FOR EACH ROW EXECUTE FUNCTION search_entries_on_file();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_entries_on_card() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_entries (card_id, title, body) VALUES (NEW.id, NEW.title, accord_editor_text(NEW.description))
    ON CONFLICT (card_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER search_entries_card
  AFTER INSERT OR UPDATE OF title, description ON cards
  FOR EACH ROW EXECUTE FUNCTION search_entries_on_card();
--> statement-breakpoint
-- A submission is found by its answers and by its form's title (what it is shown as).
CREATE OR REPLACE FUNCTION search_entries_on_submission() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_entries (submission_id, title, body)
    VALUES (NEW.id, coalesce((SELECT f.title FROM form_versions v JOIN forms f ON f.id = v.form_id WHERE v.id = NEW.form_version_id), ''), accord_answer_text(NEW.data))
    ON CONFLICT (submission_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER search_entries_submission
  AFTER INSERT OR UPDATE OF data, form_version_id ON submissions
  FOR EACH ROW EXECUTE FUNCTION search_entries_on_submission();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_entries_on_space() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_entries (space_id, title, body) VALUES (NEW.id, NEW.name, NEW.description)
    ON CONFLICT (space_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER search_entries_space
  AFTER INSERT OR UPDATE OF name, description ON spaces
  FOR EACH ROW EXECUTE FUNCTION search_entries_on_space();
--> statement-breakpoint
-- What already exists. Document text waits for the next start (it is Yjs, parsed in JavaScript),
-- and existing files' text is not extracted: their names are searchable; their text once a new version arrives.
INSERT INTO search_entries (document_id, title) SELECT id, title FROM documents;
--> statement-breakpoint
INSERT INTO search_entries (file_id, title) SELECT id, name FROM files;
--> statement-breakpoint
INSERT INTO search_entries (card_id, title, body) SELECT id, title, accord_editor_text(description) FROM cards;
--> statement-breakpoint
INSERT INTO search_entries (submission_id, title, body)
  SELECT s.id, f.title, accord_answer_text(s.data) FROM submissions s JOIN form_versions v ON v.id = s.form_version_id JOIN forms f ON f.id = v.form_id;
--> statement-breakpoint
INSERT INTO search_entries (space_id, title, body) SELECT id, name, description FROM spaces;
