import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { markedContentColumns } from "./marked-content";

/** clean: scanned (or no scanner configured) and downloadable; quarantined: the scanner found something or could not be reached. */
export const fileStatus = pgEnum("file_status", ["clean", "quarantined"]);

/**
 * A file uploaded to a space. The bytes live in the blob store under `blobKey` (a generated name,
 * never the uploaded one); the marking columns are the same as a document's, so the same policy
 * rules decide who may see it.
 */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...markedContentColumns(),
    name: text("name").notNull(),
    extension: text("extension").notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    blobKey: text("blob_key").notNull().unique(),
    status: fileStatus("status").notNull().default("clean"),
    /**
     * Restricted instead of erased (DPA 2018 s.47, issue 8): a disposal review decided the
     * content must be kept but no longer used, so the policy refuses every action on it
     * (policies/rules/*: invisible, as if it were gone); its record item and certificate say so.
     */
    isRestricted: boolean("is_restricted").notNull().default(false),
    scanResult: text("scan_result").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("files_space_updated_idx").on(t.spaceId, t.updatedAt)],
);

/** Where a file's version came from: uploaded in Accord, or edited in SharePoint and brought back by the sync. */
export const fileVersionSource = pgEnum("file_version_source", ["accord", "sharepoint"]);

/**
 * An earlier content of a file, kept when the content is replaced (issue 9: an edit made in
 * SharePoint comes back as a new version, and the one it replaced stays here). The bytes live in
 * the blob store like the file's own; they go with the file.
 */
export const fileVersions = pgTable(
  "file_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    blobKey: text("blob_key").notNull().unique(),
    source: fileVersionSource("source").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    /** Who changed it in SharePoint (their display name there), for versions from SharePoint. */
    remoteBy: text("remote_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("file_versions_file_idx").on(t.fileId, t.number)],
);
