CREATE TYPE "public"."response_template_scope" AS ENUM('national', 'agency');--> statement-breakpoint
CREATE TABLE "response_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"scope" "response_template_scope" NOT NULL,
	"agency_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "response_templates_scope_agency" CHECK (("response_templates"."scope" = 'national') = ("response_templates"."agency_id" IS NULL)),
	CONSTRAINT "response_templates_title_length" CHECK (char_length("response_templates"."title") BETWEEN 1 AND 200)
);
--> statement-breakpoint
ALTER TABLE "response_templates" ADD CONSTRAINT "response_templates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_templates" ADD CONSTRAINT "response_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "response_templates_national_key_idx" ON "response_templates" USING btree ("key") WHERE "response_templates"."scope" = 'national';--> statement-breakpoint
CREATE UNIQUE INDEX "response_templates_agency_key_idx" ON "response_templates" USING btree ("agency_id","key") WHERE "response_templates"."scope" = 'agency';--> statement-breakpoint
CREATE INDEX "response_templates_agency_idx" ON "response_templates" USING btree ("agency_id");