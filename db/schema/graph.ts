import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { spaces } from "./spaces";
import { users } from "./users";

/*
 * SharePoint/OneDrive sync through Microsoft Graph (issue 9; docs/graph-contract.md): each
 * agency's connection to its tenant and drive, the folder each space maps to, the remote state of
 * each synced document and file, the outbox of changes still to reach SharePoint, and the log of
 * every Graph call with the human actor who caused it (SharePoint attributes every call to the app).
 */

/** How the connection proves the app's identity to Entra ID: a client secret or a certificate. */
export const graphAuthKind = pgEnum("graph_auth_kind", ["secret", "certificate"]);

/**
 * One agency's SharePoint connection. The secret (or the certificate's private key) is stored
 * encrypted (lib/graph/connection-secret.ts) and never shown again once saved.
 */
export const graphConnections = pgTable("graph_connections", {
  agencyId: uuid("agency_id")
    .primaryKey()
    .references(() => agencies.id, { onDelete: "cascade" }),
  tenantId: text("tenant_id").notNull(),
  clientId: text("client_id").notNull(),
  authKind: graphAuthKind("auth_kind").notNull().default("secret"),
  /** AES-256-GCM of the client secret or the certificate's private key (PEM). */
  secretEncrypted: text("secret_encrypted").notNull(),
  /** The certificate's SHA-256 thumbprint (hex), for certificate credentials. */
  certificateThumbprint: text("certificate_thumbprint"),
  /** The SharePoint host and the site's server-relative path, e.g. dcpolice.sharepoint.com and /sites/Accord. */
  siteHostname: text("site_hostname").notNull(),
  sitePath: text("site_path").notNull(),
  /** The document library's name; empty: the site's default library. */
  driveName: text("drive_name").notNull().default(""),
  /** Resolved by the last successful test or delivery. */
  siteId: text("site_id"),
  driveId: text("drive_id"),
  /** The outcome of the last "Test connection": each step, whether it worked, and why not. */
  lastTest: jsonb("last_test").$type<GraphConnectionTest | null>(),
  lastTestedAt: timestamp("last_tested_at", { withTimezone: true }),
  /** Where the delta job resumes (opaque, from Graph); null: enumerate from the start. */
  deltaLink: text("delta_link"),
  deltaAt: timestamp("delta_at", { withTimezone: true }),
  /** No request is sent to this tenant before this time (a Retry-After Graph gave). */
  throttledUntil: timestamp("throttled_until", { withTimezone: true }),
  createdBy: uuid("created_by").references(() => users.id),
  updatedBy: uuid("updated_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One step of a connection test. */
export type GraphConnectionTestStep = { step: "token" | "site" | "drive" | "write"; ok: boolean; message: string; requestId: string | null };
export type GraphConnectionTest = { ok: boolean; steps: GraphConnectionTestStep[] };

/** The folder a space's content is mirrored into, in its owning agency's drive (created on demand). */
export const graphSpaceFolders = pgTable("graph_space_folders", {
  spaceId: uuid("space_id")
    .primaryKey()
    .references(() => spaces.id, { onDelete: "cascade" }),
  agencyId: uuid("agency_id")
    .notNull()
    .references(() => agencies.id, { onDelete: "cascade" }),
  driveId: text("drive_id").notNull(),
  remoteId: text("remote_id").notNull(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const graphItemType = pgEnum("graph_item_type", ["document", "file"]);
/**
 * pending: a change waits in the outbox; synced: SharePoint has what Accord has; failed: the last
 * delivery failed (the reason is kept, the outbox row waits for a retry); conflict: both sides
 * changed (both kept, a person decides); removed: deleted from SharePoint (after a disposal, or by
 * someone there).
 */
export const graphItemStatus = pgEnum("graph_item_status", ["pending", "synced", "failed", "conflict", "removed"]);

/**
 * The remote state of one synced document or file. Not tied to the content row by a foreign key:
 * when the content is disposed of, this row still knows the driveItem to delete.
 */
export const graphItems = pgTable(
  "graph_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    itemType: graphItemType("item_type").notNull(),
    itemId: uuid("item_id").notNull(),
    spaceId: uuid("space_id").notNull(),
    driveId: text("drive_id"),
    remoteId: text("remote_id"),
    remoteName: text("remote_name"),
    /** The driveItem's eTag and cTag as last seen (sent back in If-Match). */
    eTag: text("e_tag"),
    cTag: text("c_tag"),
    /** What was last uploaded: the document's content revision, or the file's SHA-256. */
    syncedVersion: text("synced_version"),
    /** The retention label last applied in SharePoint (its name there). */
    remoteLabel: text("remote_label"),
    /** A document's version made from an edit in SharePoint, waiting for someone to review it (never applied silently). */
    reviewVersionId: uuid("review_version_id"),
    status: graphItemStatus("status").notNull().default("pending"),
    lastError: text("last_error"),
    lastErrorCode: text("last_error_code"),
    lastRequestId: text("last_request_id"),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("graph_items_item_idx").on(t.itemType, t.itemId), index("graph_items_remote_idx").on(t.driveId, t.remoteId), index("graph_items_agency_status_idx").on(t.agencyId, t.status)],
);

/** upload: the content (created or replaced); rename; delete (a disposal or a deletion); label: apply or remove the retention label. */
export const graphOutboxKind = pgEnum("graph_outbox_kind", ["upload", "rename", "delete", "label"]);
/** pending: waiting (or waiting for its retry time); done; failed: gave up after its attempts or on a permanent refusal (a person may retry). */
export const graphOutboxState = pgEnum("graph_outbox_state", ["pending", "done", "failed"]);

/** A resumable upload in progress: where it is, so a restarted worker resumes instead of starting over. */
export type GraphUploadSession = { uploadUrl: string; total: number; expiresAt: string; sha256: string };

/**
 * A change that must reach SharePoint, committed in the same transaction as the change itself, and
 * delivered by the job queue. At most one pending row per item and kind: a second change before
 * delivery updates the waiting row (the delivery sends the content as it is then).
 */
export const graphOutbox = pgTable(
  "graph_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    itemType: graphItemType("item_type").notNull(),
    itemId: uuid("item_id").notNull(),
    spaceId: uuid("space_id").notNull(),
    kind: graphOutboxKind("kind").notNull(),
    /** The person whose change this is: the delivery is authorized for them before it runs. Null: Accord itself (a scheduled disposal). */
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** What the delivery needs beyond the item (for a delete: the remote ids; for a label: its name or null to remove; why). */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    state: graphOutboxState("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    uploadSession: jsonb("upload_session").$type<GraphUploadSession | null>(),
    lastError: text("last_error"),
    lastErrorCode: text("last_error_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("graph_outbox_one_pending_idx").on(t.itemType, t.itemId, t.kind).where(sql`state = 'pending'`),
    index("graph_outbox_due_idx").on(t.nextAttemptAt).where(sql`state = 'pending'`),
    index("graph_outbox_agency_idx").on(t.agencyId, t.state),
  ],
);

/** Every Graph call: what, its answer and request-id, and the person who caused it. */
export const graphCalls = pgTable(
  "graph_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    outboxId: bigint("outbox_id", { mode: "number" }),
    actorUserId: uuid("actor_user_id"),
    method: text("method").notNull(),
    /** The path without its query (upload URLs and delta tokens are never stored whole). */
    path: text("path").notNull(),
    status: integer("status").notNull(),
    requestId: text("request_id"),
    clientRequestId: text("client_request_id").notNull(),
    errorCode: text("error_code"),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    durationMs: integer("duration_ms").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("graph_calls_agency_at_idx").on(t.agencyId, t.at)],
);
