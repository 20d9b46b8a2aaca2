import { bigint, index, pgEnum, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { spaces } from "./spaces";
import { users } from "./users";

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
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    owningAgencyId: uuid("owning_agency_id")
      .notNull()
      .references(() => agencies.id),
    name: text("name").notNull(),
    extension: text("extension").notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    blobKey: text("blob_key").notNull().unique(),
    status: fileStatus("status").notNull().default("clean"),
    scanResult: text("scan_result").notNull().default(""),
    marking: text("marking").notNull(),
    markingRank: smallint("marking_rank").notNull(),
    descriptors: text("descriptors").array().notNull().default([]),
    handling: text("handling").notNull().default(""),
    recipientIds: text("recipient_ids").array().notNull().default([]),
    useOnlyAgencyCodes: text("use_only_agency_codes").array().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("files_space_updated_idx").on(t.spaceId, t.updatedAt)],
);
