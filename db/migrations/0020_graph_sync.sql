-- SharePoint/OneDrive sync through Microsoft Graph (issue 9): agency connections, space folders,
-- the remote state of synced items, the outbox delivered by the job queue, the log of Graph calls,
-- file versions (an edit in SharePoint comes back as one) and remote document versions to review.
CREATE TYPE "public"."file_version_source" AS ENUM('accord', 'sharepoint');--> statement-breakpoint
CREATE TYPE "public"."graph_auth_kind" AS ENUM('secret', 'certificate');--> statement-breakpoint
CREATE TYPE "public"."graph_item_status" AS ENUM('pending', 'synced', 'failed', 'conflict', 'removed');--> statement-breakpoint
CREATE TYPE "public"."graph_item_type" AS ENUM('document', 'file');--> statement-breakpoint
CREATE TYPE "public"."graph_outbox_kind" AS ENUM('upload', 'rename', 'delete', 'label');--> statement-breakpoint
CREATE TYPE "public"."graph_outbox_state" AS ENUM('pending', 'done', 'failed');--> statement-breakpoint
ALTER TYPE "public"."document_version_kind" ADD VALUE 'remote';--> statement-breakpoint
CREATE TABLE "file_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"source" "file_version_source" NOT NULL,
	"created_by" uuid,
	"remote_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_versions_blob_key_unique" UNIQUE("blob_key")
);
--> statement-breakpoint
CREATE TABLE "graph_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"outbox_id" bigint,
	"actor_user_id" uuid,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"request_id" text,
	"client_request_id" text NOT NULL,
	"error_code" text,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"duration_ms" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_connections" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"client_id" text NOT NULL,
	"auth_kind" "graph_auth_kind" DEFAULT 'secret' NOT NULL,
	"secret_encrypted" text NOT NULL,
	"certificate_thumbprint" text,
	"site_hostname" text NOT NULL,
	"site_path" text NOT NULL,
	"drive_name" text DEFAULT '' NOT NULL,
	"site_id" text,
	"drive_id" text,
	"last_test" jsonb,
	"last_tested_at" timestamp with time zone,
	"delta_link" text,
	"delta_at" timestamp with time zone,
	"throttled_until" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"item_type" "graph_item_type" NOT NULL,
	"item_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"drive_id" text,
	"remote_id" text,
	"remote_name" text,
	"e_tag" text,
	"c_tag" text,
	"synced_version" text,
	"remote_label" text,
	"review_version_id" uuid,
	"status" "graph_item_status" DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"last_error_code" text,
	"last_request_id" text,
	"synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"item_type" "graph_item_type" NOT NULL,
	"item_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"kind" "graph_outbox_kind" NOT NULL,
	"actor_user_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" "graph_outbox_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"upload_session" jsonb,
	"last_error" text,
	"last_error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "graph_space_folders" (
	"space_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"drive_id" text NOT NULL,
	"remote_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_calls" ADD CONSTRAINT "graph_calls_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_connections" ADD CONSTRAINT "graph_connections_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_connections" ADD CONSTRAINT "graph_connections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_connections" ADD CONSTRAINT "graph_connections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_items" ADD CONSTRAINT "graph_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_outbox" ADD CONSTRAINT "graph_outbox_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_outbox" ADD CONSTRAINT "graph_outbox_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_space_folders" ADD CONSTRAINT "graph_space_folders_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_space_folders" ADD CONSTRAINT "graph_space_folders_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_versions_file_idx" ON "file_versions" USING btree ("file_id","number");--> statement-breakpoint
CREATE INDEX "graph_calls_agency_at_idx" ON "graph_calls" USING btree ("agency_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "graph_items_item_idx" ON "graph_items" USING btree ("item_type","item_id");--> statement-breakpoint
CREATE INDEX "graph_items_remote_idx" ON "graph_items" USING btree ("drive_id","remote_id");--> statement-breakpoint
CREATE INDEX "graph_items_agency_status_idx" ON "graph_items" USING btree ("agency_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "graph_outbox_one_pending_idx" ON "graph_outbox" USING btree ("item_type","item_id","kind") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "graph_outbox_due_idx" ON "graph_outbox" USING btree ("next_attempt_at") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "graph_outbox_agency_idx" ON "graph_outbox" USING btree ("agency_id","state");