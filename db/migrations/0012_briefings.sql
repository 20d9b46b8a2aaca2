CREATE TABLE "briefing_acknowledgements" (
	"revision_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "briefing_acknowledgements_revision_id_user_id_pk" PRIMARY KEY("revision_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "briefing_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"briefing_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"body" text NOT NULL,
	"attachments" uuid[] DEFAULT '{}' NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "briefing_revisions_body_length" CHECK (char_length("briefing_revisions"."body") BETWEEN 1 AND 20000),
	CONSTRAINT "briefing_revisions_number_positive" CHECK ("briefing_revisions"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "briefings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"owning_agency_id" uuid NOT NULL,
	"marking" text NOT NULL,
	"marking_rank" smallint NOT NULL,
	"descriptors" text[] DEFAULT '{}' NOT NULL,
	"handling" text DEFAULT '' NOT NULL,
	"recipient_ids" text[] DEFAULT '{}' NOT NULL,
	"use_only_agency_codes" text[] DEFAULT '{}' NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "briefings_title_length" CHECK (char_length("briefings"."title") BETWEEN 1 AND 200)
);
--> statement-breakpoint
ALTER TABLE "briefing_acknowledgements" ADD CONSTRAINT "briefing_acknowledgements_revision_id_briefing_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."briefing_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_acknowledgements" ADD CONSTRAINT "briefing_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_revisions" ADD CONSTRAINT "briefing_revisions_briefing_id_briefings_id_fk" FOREIGN KEY ("briefing_id") REFERENCES "public"."briefings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_revisions" ADD CONSTRAINT "briefing_revisions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_owning_agency_id_agencies_id_fk" FOREIGN KEY ("owning_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "briefing_acknowledgements_user_idx" ON "briefing_acknowledgements" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "briefing_revisions_number_idx" ON "briefing_revisions" USING btree ("briefing_id","number");--> statement-breakpoint
CREATE INDEX "briefings_board_idx" ON "briefings" USING btree ("board_id","created_at");--> statement-breakpoint
CREATE INDEX "briefings_space_agency_idx" ON "briefings" USING btree ("space_id","owning_agency_id");