CREATE TYPE "public"."space_status" AS ENUM('active', 'frozen', 'archived');--> statement-breakpoint
ALTER TYPE "public"."space_role" ADD VALUE 'reader';--> statement-breakpoint
ALTER TYPE "public"."space_role" ADD VALUE 'guest';--> statement-breakpoint
CREATE TABLE "space_attestations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"attested_by" uuid NOT NULL,
	"attested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"member_count" smallint NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "space_members" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "space_members" ADD COLUMN "agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "status" "space_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "attestation_interval_days" smallint DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "last_attested_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "template" text DEFAULT 'blank' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "space_id" uuid;--> statement-breakpoint
ALTER TABLE "space_attestations" ADD CONSTRAINT "space_attestations_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_attestations" ADD CONSTRAINT "space_attestations_attested_by_users_id_fk" FOREIGN KEY ("attested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_attestations_space_idx" ON "space_attestations" USING btree ("space_id","attested_at");--> statement-breakpoint
ALTER TABLE "space_members" ADD CONSTRAINT "space_members_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_space_at_idx" ON "audit_events" USING btree ("space_id","at");