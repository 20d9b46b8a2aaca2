import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { documents } from "./documents";
import { users } from "./users";

/**
 * The co-edited content of a document: its Yjs state as one merged update, written by the
 * collaboration server (debounced) and read when the first person opens it.
 */
export const documentStates = pgTable("document_states", {
  documentId: uuid("document_id")
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  state: bytea("state").notNull(),
  // Bumped on every store, so a reader can tell whether the content moved since it last looked.
  revision: integer("revision").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * auto: taken when editing goes idle; named: saved by a person with a name; restore: an older
 * version brought back; remote: an edit made in SharePoint/Office, brought back by the sync as a
 * version to review (issue 9), never applied to the live document by itself.
 */
export const documentVersionKind = pgEnum("document_version_kind", ["auto", "named", "restore", "remote"]);

/** A version of a document: its Yjs state at one moment, never changed afterwards. */
export const documentVersions = pgTable(
  "document_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    kind: documentVersionKind("kind").notNull(),
    name: text("name"),
    state: bytea("state").notNull(),
    // The document's marking when the version was taken, shown on the version.
    marking: text("marking").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_versions_document_idx").on(t.documentId, t.number)],
);
