CREATE TYPE "public"."form_scope" AS ENUM('national', 'agency');--> statement-breakpoint
CREATE TYPE "public"."form_version_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."review_decision" AS ENUM('returned', 'accepted');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('draft', 'submitted', 'returned', 'accepted');--> statement-breakpoint
CREATE TABLE "form_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "form_version_status" DEFAULT 'draft' NOT NULL,
	"definition" jsonb NOT NULL,
	"extends_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	CONSTRAINT "form_versions_number_positive" CHECK ("form_versions"."number" >= 1),
	CONSTRAINT "form_versions_published_at" CHECK (("form_versions"."status" = 'published') = ("form_versions"."published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"scope" "form_scope" NOT NULL,
	"agency_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"extends_form_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forms_scope_agency" CHECK (("forms"."scope" = 'national') = ("forms"."agency_id" IS NULL)),
	CONSTRAINT "forms_national_extends_nothing" CHECK ("forms"."scope" = 'agency' OR "forms"."extends_form_id" IS NULL),
	CONSTRAINT "forms_title_length" CHECK (char_length("forms"."title") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "submission_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"submission_version" integer NOT NULL,
	"decision" "review_decision" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_reviews_comment_length" CHECK (char_length("submission_reviews"."comment") <= 5000),
	CONSTRAINT "submission_reviews_return_reason" CHECK ("submission_reviews"."decision" = 'accepted' OR char_length("submission_reviews"."comment") >= 1)
);
--> statement-breakpoint
CREATE TABLE "submission_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "submission_status" NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_versions_number_positive" CHECK ("submission_versions"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_version_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"owning_agency_id" uuid NOT NULL,
	"marking" text NOT NULL,
	"marking_rank" smallint NOT NULL,
	"descriptors" text[] DEFAULT '{}' NOT NULL,
	"handling" text DEFAULT '' NOT NULL,
	"recipient_ids" text[] DEFAULT '{}' NOT NULL,
	"use_only_agency_codes" text[] DEFAULT '{}' NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" "submission_status" DEFAULT 'draft' NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_version_positive" CHECK ("submissions"."version" >= 1),
	CONSTRAINT "submissions_data_size" CHECK (pg_column_size("submissions"."data") <= 5242880)
);
--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_extends_version_id_form_versions_id_fk" FOREIGN KEY ("extends_version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_extends_form_id_forms_id_fk" FOREIGN KEY ("extends_form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_reviews" ADD CONSTRAINT "submission_reviews_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_reviews" ADD CONSTRAINT "submission_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_versions" ADD CONSTRAINT "submission_versions_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_versions" ADD CONSTRAINT "submission_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_form_version_id_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_owning_agency_id_agencies_id_fk" FOREIGN KEY ("owning_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "form_versions_number_idx" ON "form_versions" USING btree ("form_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "forms_national_key_idx" ON "forms" USING btree ("key") WHERE "forms"."scope" = 'national';--> statement-breakpoint
CREATE UNIQUE INDEX "forms_agency_key_idx" ON "forms" USING btree ("agency_id","key") WHERE "forms"."scope" = 'agency';--> statement-breakpoint
CREATE INDEX "forms_agency_idx" ON "forms" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "submission_reviews_submission_idx" ON "submission_reviews" USING btree ("submission_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "submission_versions_number_idx" ON "submission_versions" USING btree ("submission_id","number");--> statement-breakpoint
CREATE INDEX "submissions_space_agency_idx" ON "submissions" USING btree ("space_id","owning_agency_id");--> statement-breakpoint
CREATE INDEX "submissions_form_version_idx" ON "submissions" USING btree ("form_version_id","created_at");--> statement-breakpoint
CREATE INDEX "submissions_owner_idx" ON "submissions" USING btree ("owner_id","updated_at");