import { bigint, boolean, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
